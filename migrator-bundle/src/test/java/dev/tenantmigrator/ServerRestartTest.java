package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.RestartableServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server restarted in the middle of a run: the schemas it hit are tried again once it is back. */
class ServerRestartTest {

    private static final int TENANTS = 40;
    private static final int CONCURRENCY = 2;

    @TempDir
    Path dir;

    @Test
    void aRestartDuringARunEndsWithEverySchemaMigratedOrAtWorstThoseInFlightFailed() throws Exception {
        try (RestartableServer server = RestartableServer.start(dir.resolve("data"))) {
            MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
                .add("20240101000100_notes.sql", "CREATE TABLE notes (id int);\nSELECT pg_sleep(0.05);", "DROP TABLE notes;")
                .add("20240101000200_tags.sql", "CREATE TABLE tags (id int);\nSELECT pg_sleep(0.05);", "DROP TABLE tags;");
            List<String> tenants = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> String.format("t_%02d", i)).toList();
            Migrator migrator = new Migrator(Jdbi.create(pool(server.url(), CONCURRENCY + 1)), MigratorSettings.builder()
                .tenantLocation(tenant.location())
                .tenantSource(TenantSource.of(tenants))
                .concurrency(CONCURRENCY)
                .continueOnError(true)
                .connectAttempts(60)
                .connectInterval(Duration.ofMillis(250))
                .build());

            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return migrator.up();
                } catch (RunFailedException e) {
                    return e.report();
                }
            });
            awaitMigratedSchemas(server.url(), 5);
            server.restart();
            RunReport report = run.get(2, TimeUnit.MINUTES);

            assertThat(report.count(Result.FAILED)).as(report.summary()).isLessThanOrEqualTo(CONCURRENCY);
            assertThat(report.count(Result.MIGRATED)).as(report.summary()).isGreaterThanOrEqualTo(TENANTS - CONCURRENCY);
            try (Connection check = DriverManager.getConnection(server.url(), "postgres", "")) {
                for (String schema : tenants) {
                    List<String> tables = strings(check, "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename IN ('notes', 'tags') ORDER BY 1");
                    List<String> history = strings(check, "SELECT version::text FROM " + schema + ".schema_migrations ORDER BY 1");
                    // Every history matches its objects, whatever the restart hit.
                    assertThat(tables).as(schema).hasSize(history.size());
                }
            }
        }
    }

    private static DataSource pool(String url, int size) {
        PoolProperties properties = new PoolProperties();
        properties.setUrl(url);
        properties.setUsername("postgres");
        properties.setPassword("");
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setMaxActive(size);
        properties.setInitialSize(0);
        return new DataSource(properties);
    }

    /** Returns once {@code count} tenant schemas have their whole history. */
    private static void awaitMigratedSchemas(String url, int count) throws SQLException {
        try (Connection watcher = DriverManager.getConnection(url, "postgres", "")) {
            Await.until(count + " schemas migrated", () -> strings(watcher,
                "SELECT c.relnamespace::regnamespace::text FROM pg_class c WHERE c.relname = 'tags'").size() >= count);
        }
    }

    private static List<String> strings(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
