package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.support.TcpProxy;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network that freezes (connections open, nothing carried: TCP keepalive is answered as if all were
 * well) or is cut, between the migrator and its database, through a real TCP proxy. Every wait ends
 * within the network timeout with a sentence naming it, and the server lets go of the locks of a
 * session its client can no longer reach. The pool is built as the commands build theirs.
 */
@ExtendWith(PostgresExtension.class)
class NetworkFaultTest {

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(2);
    private static final String SLEEP = "pg_sleep(1.5)";

    @TempDir
    Path dir;
    private MigrationFolder tenant;
    private ManagedDataSource pool;

    @BeforeEach
    void writeMigrations() {
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20240101000100_notes.sql", "CREATE TABLE notes (id int);\nSELECT " + SLEEP + ";", "DROP TABLE notes;");
    }

    @AfterEach
    void closePool() throws Exception {
        if (pool != null) {
            pool.stop();
        }
    }

    @Test
    void aNetworkFrozenDuringAMigrationStatementEndsTheRunAndTheServerLetsGoOfTheLocks(TestDatabase db) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(db.url())) {
            CompletableFuture<RunReport> run = runAsync(migrator(db, proxy, 1, "t_a", "t_b"));
            Await.until("the migration's statement running", () -> ServerSessions.running(db, SLEEP));

            proxy.freeze();

            RunReport report = run.get(1, TimeUnit.MINUTES);
            SchemaOutcome failed = report.failures().get(0);
            assertThat(failed.schema()).isEqualTo("t_a");
            assertThat(failed.error()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("networkTimeout (2 s)").contains("the connection was given up");
            // The server's side: the session sat idle in its transaction, holding the schema's and a slot's lock.
            Await.until("the server to end the session it can no longer reach", () -> ServerSessions.advisoryLocks(db) == 0);
        }
        RunReport again = new Migrator(db.jdbi(), settings(3, "t_a", "t_b")).up();
        assertThat(again.count(Result.MIGRATED)).isEqualTo(2);
        assertThat(db.versions("t_a")).containsExactly(20240101000100L);
        assertThat(db.tables("t_a")).containsExactly("notes", "schema_migrations");
    }

    @Test
    void aNetworkFrozenBetweenMigrationsEndsTheRunWithinTheNetworkTimeout(TestDatabase db) throws Exception {
        // A session of the test's own holds t_b's schema lock, so the run's worker asks for it again and again.
        try (org.jdbi.v3.core.Handle holder = db.jdbi().open();
             TcpProxy proxy = TcpProxy.to(db.url())) {
            holder.createQuery("SELECT pg_advisory_lock(2118786049, hashtext('t_b'))").mapTo(String.class).one();
            CompletableFuture<RunReport> run = runAsync(migrator(db, proxy, 1, "t_a", "t_b"));
            Await.until("t_a migrated and the worker asking for t_b's lock",
                () -> db.tables("t_a").contains("schema_migrations") && ServerSessions.pollingForASchemaLock(db));
            // Asked again since: the worker waits for the lock, past the first try that only passes it over.
            String firstAsked = lastAskedForASchemaLock(db);
            Await.until("the worker asking again", () -> lastAskedForASchemaLock(db).compareTo(firstAsked) > 0);

            proxy.freeze();

            RunReport report = run.get(1, TimeUnit.MINUTES);
            assertThat(report.failures()).extracting(SchemaOutcome::error).singleElement()
                .asString().contains("did not answer within networkTimeout");
        }
        assertThat(db.versions("t_a")).containsExactly(20240101000100L);
        assertThat(db.schemas()).doesNotContain("t_b");
    }

    @Test
    void aCutConnectionIsTriedAgainForItsSchemaAndEveryHistoryMatchesItsObjects(TestDatabase db) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(db.url())) {
            CompletableFuture<RunReport> run = runAsync(migrator(db, proxy, 3, "t_a", "t_b"));
            Await.until("the migration's statement running", () -> ServerSessions.running(db, SLEEP));

            proxy.cut();

            RunReport report = run.get(1, TimeUnit.MINUTES);
            assertThat(report.succeeded()).as(report.summary()).isTrue();
        }
        for (String schema : List.of("t_a", "t_b")) {
            assertThat(db.versions(schema)).as(schema).containsExactly(20240101000100L);
            assertThat(db.tables(schema)).as(schema).containsExactly("notes", "schema_migrations");
        }
        Await.until("the cut session ended", () -> ServerSessions.advisoryLocks(db) == 0);
    }

    private Migrator migrator(TestDatabase db, TcpProxy proxy, int connectAttempts, String... tenants) {
        pool = proxy.pool(db, 1, NETWORK_TIMEOUT);
        return new Migrator(Jdbi.create(pool), settings(connectAttempts, tenants));
    }

    private MigratorSettings settings(int connectAttempts, String... tenants) {
        return MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of(tenants)))
            .concurrency(1)
            .connectAttempts(connectAttempts)
            .connectInterval(Duration.ofMillis(100))
            .lockPollInterval(Duration.ofMillis(50))
            .networkTimeout(NETWORK_TIMEOUT)
            .build();
    }

    private static CompletableFuture<RunReport> runAsync(Migrator migrator) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return migrator.up();
            } catch (RunFailedException e) {
                return e.report();
            }
        });
    }

    private static String lastAskedForASchemaLock(TestDatabase db) {
        return db.queryOne("SELECT coalesce(max(to_char(state_change, 'YYYY-MM-DD HH24:MI:SS.US')), '') FROM pg_stat_activity "
            + "WHERE pid <> pg_backend_pid() AND query LIKE 'SELECT pg_try_advisory_lock(%hashtext%'", String.class);
    }
}
