package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigrationsNotUpException;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.TestApplication;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The YAML {@code startup} mode, applied when the server starts (the bundle's run). */
@ExtendWith(PostgresExtension.class)
class StartupGuardTest {

    @TempDir
    Path dir;

    private String config(TestDatabase db, String startup) {
        return MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]")
            .migratorSetting("startup: " + startup).config();
    }

    private DropwizardTestSupport<TestConfiguration> server(TestDatabase db, String startup) {
        return new DropwizardTestSupport<>(TestApplication.class, config(db, startup));
    }

    /** Starts the server, runs the checks while it serves, stops it. */
    private static void whileServing(DropwizardTestSupport<TestConfiguration> server,
                                     java.util.function.Consumer<DropwizardTestSupport<TestConfiguration>> checks)
        throws Exception {
        server.before();
        try {
            checks.accept(server);
        } finally {
            server.after();
        }
    }

    @Test
    void ensureUpRefusesToStartListingWhatIsPending(TestDatabase db) {
        DropwizardTestSupport<TestConfiguration> server = server(db, "ensure-up");

        assertThatThrownBy(server::before)
            .isInstanceOf(MigrationsNotUpException.class)
            .hasMessage("Migrations not up!\n20240101000000_create_tenants.sql\nSCHEMA DOES NOT EXIST: tenant_a");
        server.after();
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void ensureUpStartsWhenNothingIsPending(TestDatabase db) throws Exception {
        String config = config(db, "ensure-up");
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        DropwizardTestSupport<TestConfiguration> server = new DropwizardTestSupport<>(TestApplication.class, config);

        whileServing(server, serving ->
            assertThat(serving.getEnvironment().healthChecks().runHealthCheck("migrations").isHealthy()).isTrue());
    }

    @Test
    void migrateAppliesEverythingBeforeServing(TestDatabase db) throws Exception {
        whileServing(server(db, "migrate"), serving -> {
            assertThat(db.versions("public")).containsExactly(20240101000000L);
            assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
            TestApplication application = serving.getApplication();
            assertThat(application.bundle().getMigrator().status().upToDate()).isTrue();
        });
    }

    @Test
    void noneStartsWithPendingMigrationsAndReportsThemAsUnhealthy(TestDatabase db) throws Exception {
        whileServing(server(db, "none"), serving -> {
            assertThat(db.tables("public")).isEmpty();
            assertThat(serving.getEnvironment().healthChecks().runHealthCheck("migrations").getMessage())
                .startsWith("2 schemas checked, 2 items pending");
        });
    }
}
