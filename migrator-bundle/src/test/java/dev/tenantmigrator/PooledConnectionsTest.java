package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.ConnectionAttempts;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.TcpProxy;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The migrator on a connection pool, as in production: what a connection goes back with, and waiting for the database. */
@ExtendWith(PostgresExtension.class)
class PooledConnectionsTest {

    private static final int POOL_SIZE = 4;

    @TempDir
    Path dir;

    private MigratorSettings.Builder settings(List<String> tenants) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_items.sql", "CREATE TABLE items (id int, name text);", "DROP TABLE items;")
            .write("20220101000002_index_items.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY items_name ON items (name);\n-- migrate:down transaction:false\n"
                + "DROP INDEX CONCURRENTLY items_name;\n")
            .add("20220101000003_fails_in_t_5.sql",
                "SELECT 1 / (CASE WHEN current_schema() = 't_5' THEN 0 ELSE 1 END);", "SELECT 1;");
        return MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(tenants))
            .concurrency(POOL_SIZE - 1)
            .continueOnError(true);
    }

    @Test
    void everyPooledConnectionComesBackWithNoAdvisoryLockAndTheDefaultSearchPath(TestDatabase db) throws Exception {
        DataSource pool = db.pooledDataSource(POOL_SIZE);
        List<String> tenants = IntStream.rangeClosed(1, 12).mapToObj(i -> "t_" + i).toList();
        Migrator migrator = new Migrator(Jdbi.create(pool), settings(tenants).build());

        assertThatThrownBy(migrator::up).isInstanceOf(RunFailedException.class).hasMessageContaining("t_5");
        migrator.down(0);

        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                assertThat(one(connection, "SHOW search_path")).isEqualTo("\"$user\", public");
                assertThat(one(connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                    .isEqualTo("0");
                assertThat(connection.getAutoCommit()).isTrue();
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        assertThat(db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", Integer.class)).isZero();
    }

    @Test
    void downWaitsForADatabaseThatComesUpWithinTheRetryWindow(TestDatabase db) throws Exception {
        List<String> tenants = List.of("t_1", "t_2");
        MigratorSettings upToTwo = settings(tenants).build();
        new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(upToTwo.tenantLocation()).tenantSource(upToTwo.tenantSource()).build()).up(tenants);

        try (TcpProxy proxy = TcpProxy.notYetListening(db.url())) {
            ConnectionAttempts attempts = new ConnectionAttempts();
            Migrator throughProxy = new Migrator(Jdbi.create(attempts.counting(dataSource(db, proxy.url()))), settings(tenants)
                .connectAttempts(100).connectInterval(Duration.ofMillis(100)).build());

            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> throughProxy.down(20220101000002L));
            // Refused, and asked again: the database is still starting.
            Await.until("a second connection attempt", () -> attempts.count() >= 2);
            assertThat(run).isNotDone();
            proxy.listen();
            RunReport report = run.get(1, TimeUnit.MINUTES);

            assertThat(report.summary()).isEqualTo("3 schemas: 2 rolled back (4 migrations), 1 with nothing to roll back.");
        }
        assertThat(db.versions("t_1")).containsExactly(20220101000001L);
        assertThat(db.versions("t_2")).containsExactly(20220101000001L);
    }

    @Test
    void downGivesUpWhenTheDatabaseStaysAwayLongerThanTheRetryWindow(TestDatabase db) throws Exception {
        try (TcpProxy proxy = TcpProxy.notYetListening(db.url())) {
            ConnectionAttempts attempts = new ConnectionAttempts();
            Migrator throughProxy = new Migrator(Jdbi.create(attempts.counting(dataSource(db, proxy.url()))), settings(List.of("t_1"))
                .connectAttempts(3).connectInterval(Duration.ofMillis(100)).build());

            assertThatThrownBy(() -> throughProxy.down(0))
                .isInstanceOf(MigratorException.class)
                .hasMessageStartingWith("Could not connect to the database after 3 attempts: ");
            assertThat(attempts.count()).isEqualTo(3);
        }
    }

    private static DataSource dataSource(TestDatabase db, String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
    }

    private static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
