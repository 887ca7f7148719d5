package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.GenericBundle;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.TestApplication;
import dev.tenantmigrator.support.TestBundle;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The commands a bundle adds, and the configuration class they read. */
@ExtendWith(PostgresExtension.class)
class MigratorCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aBundleAddsItsCommandsNamedAfterIt() {
        Bootstrap<TestConfiguration> bootstrap = new Bootstrap<>(new TestApplication());

        new TestBundle("audit", System.out).initialize(bootstrap);

        assertThat(bootstrap.getCommands()).extracting(Command::getName).containsExactly(
            "audit-up", "audit-down", "audit-ensure-up", "audit-status", "audit-repair", "audit-mark-applied", "audit-verify");
    }

    /** Its type argument names no configuration class; the application's is the one the YAML is read as. */
    @Test
    void aGenericBundlesCommandsReadTheApplicationsConfigurationClass(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();

        Result up = CommandLine.run(GenericBundleApplication::new, "db-up", config);

        assertThat(up.err()).isEmpty();
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
    }

    private static final class GenericBundleApplication extends Application<TestConfiguration> {
        private final GenericBundle<TestConfiguration> bundle;

        GenericBundleApplication(PrintStream out) {
            bundle = new GenericBundle<>(MigratorBundle.DEFAULT_NAME, out, c -> c.database, c -> c.migrator);
        }

        @Override
        public void initialize(Bootstrap<TestConfiguration> bootstrap) {
            bootstrap.addBundle(bundle);
        }

        @Override
        public void run(TestConfiguration configuration, Environment environment) {
            // The bundle is all it has.
        }
    }
}
