package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.internal.KeepaliveSocketFactory;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.Serving;
import dev.tenantmigrator.support.TestApplication;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedPooledDataSource;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import org.apache.tomcat.jdbc.pool.PoolConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The server's migrator works on a connection pool of its own, and leaves the application's database settings as they were read. */
@ExtendWith(PostgresExtension.class)
class MigratorServerTest {

    private static final String DRIVER = "  driverClass: org.postgresql.Driver";

    @TempDir
    Path dir;

    @Test
    void theMigratorsPoolHasItsOwnSettingsAndTheApplicationsAreUntouched(TestDatabase db) throws Exception {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenants: [tenant_a]").migratorSetting("concurrency: 4").migratorSetting("startup: migrate")
            .configReplacing("small-pool.yml", DRIVER, DRIVER + "\n  maxSize: 2\n  minSize: 1\n  initialSize: 1");

        Serving.whileServing(new DropwizardTestSupport<>(TestApplication.class, config), serving -> {
            DataSourceFactory application = serving.getConfiguration().database;
            assertThat(application.getMaxSize()).isEqualTo(2);
            assertThat(application.getProperties()).isEmpty();
            PoolConfiguration migrators = pool(serving.getEnvironment(), MigratorBundle.DATA_SOURCE_NAME);
            assertThat(migrators.getMaxActive()).isEqualTo(5);
            assertThat(migrators.getPassword()).isEqualTo(db.password());
            assertThat(migrators.getDbProperties())
                .containsEntry("tcpKeepAlive", "true")
                .containsEntry("socketFactory", KeepaliveSocketFactory.class.getName())
                .containsEntry("socketFactoryArg", "60")
                .containsEntry("loginTimeout", "60");
            assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
        });
    }

    /** The settings of the pool named {@code name} that the server manages. */
    private static PoolConfiguration pool(Environment environment, String name) {
        return environment.lifecycle().getManagedObjects().stream()
            .filter(JettyManaged.class::isInstance).map(managed -> ((JettyManaged) managed).getManaged())
            .filter(ManagedPooledDataSource.class::isInstance).map(pool -> ((ManagedPooledDataSource) pool).getPoolProperties())
            .filter(properties -> name.equals(properties.getName()))
            .findFirst().orElseThrow();
    }
}
