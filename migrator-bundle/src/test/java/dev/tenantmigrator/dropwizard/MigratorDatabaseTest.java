package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.Serving;
import dev.tenantmigrator.support.TestApplication;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrator.database}: the migrator connects there while the application's {@code database} names a URL it
 * must not use (here one nobody answers, as a transaction pooler's would be for it). Every command, the startup
 * guard and the health check work; without it, they fail on the application's URL. Keys left empty are the
 * application's.
 */
@ExtendWith(PostgresExtension.class)
class MigratorDatabaseTest {

    private static final String POOLED = "jdbc:postgresql://127.0.0.1:1/pooled";

    @TempDir
    Path dir;

    /** config.yml whose application database is {@link #POOLED}, with these lines under {@code migrator:}. */
    private String config(TestDatabase db, String... migratorLines) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        for (String line : migratorLines) {
            project.migratorSetting(line);
        }
        project.config();
        return project.configReplacing("pooled.yml", "  url: " + db.url() + "\n", "  url: " + POOLED + "\n");
    }

    private static String direct(TestDatabase db) {
        // The user and password are left to the application's.
        return "database: {url: '" + db.url() + "', user: '', password: ''}";
    }

    @Test
    void everyCommandConnectsToTheMigratorsDatabase(TestDatabase db) {
        String config = config(db, direct(db));

        for (List<String> command : List.of(List.of("db-up"), List.of("db-ensure-up"), List.of("db-status"),
            List.of("db-down", "--to", "20240103000000"), List.of("db-up"))) {
            List<String> arguments = new java.util.ArrayList<>(command);
            arguments.add(config);
            Result result = CommandLine.run(arguments.toArray(String[]::new));
            assertThat(result.status()).as(command + ": " + result.err()).isZero();
        }
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void withoutItTheCommandsUseTheApplicationsDatabase(TestDatabase db) {
        Result up = CommandLine.run("db-up", config(db));

        assertThat(up.status()).isOne();
        assertThat(up.err()).isEqualTo("Could not connect to the database after 1 attempt: Connection refused\n");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void theStartupGuardAndTheHealthCheckUseIt(TestDatabase db) throws Exception {
        DropwizardTestSupport<TestConfiguration> server =
            new DropwizardTestSupport<>(TestApplication.class, config(db, direct(db), "startup: migrate"));

        Serving.whileServing(server, serving -> {
            assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
            assertThat(serving.getEnvironment().healthChecks().runHealthCheck("migrations").isHealthy()).isTrue();
        });
    }

    @Test
    void keysLeftEmptyAreTheApplicationsAndTheApplicationsSettingsAreNotChanged() {
        DataSourceFactory application = new DataSourceFactory();
        application.setDriverClass("org.postgresql.Driver");
        application.setUrl(POOLED);
        application.setUser("app");
        application.setPassword("secret");
        application.setMaxSize(7);
        application.setProperties(new java.util.HashMap<>(Map.of("ApplicationName", "notes")));
        MigratorDatabaseFactory migrator = new MigratorDatabaseFactory();

        assertThat(migrator.over(application)).as("no URL").isSameAs(application);
        migrator.setUrl(" jdbc:postgresql://db:5432/notes ");
        migrator.setUser("");
        migrator.setProperties(Map.of("sslmode", "require"));
        PooledDataSourceFactory own = migrator.over(application);

        assertThat(own).isInstanceOfSatisfying(DataSourceFactory.class, direct -> {
            assertThat(direct.getUrl()).isEqualTo("jdbc:postgresql://db:5432/notes");
            assertThat(direct.getUser()).isEqualTo("app");
            assertThat(direct.getPassword()).isEqualTo("secret");
            assertThat(direct.getMaxSize()).isEqualTo(7);
            assertThat(direct.getProperties()).containsEntry("ApplicationName", "notes").containsEntry("sslmode", "require");
        });
        assertThat(application.getUrl()).isEqualTo(POOLED);
        assertThat(application.getProperties()).containsOnlyKeys("ApplicationName");
    }
}
