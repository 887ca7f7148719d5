package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.ChildUp;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration outside a transaction cannot be rolled back: a start row committed before it runs, an
 * INVALID index refused before and failed after, so that no death in the middle is recorded as applied.
 */
@ExtendWith(PostgresExtension.class)
class NonTransactionalFenceTest {

    private static final long V1 = 20240101000100L;
    private static final long V2 = 20240101000200L;
    private static final String INDEX = V2 + "_body_index.sql";

    @TempDir
    Path dir;
    private MigrationFolder tenant;

    @BeforeEach
    void writeMigrations() {
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add(V1 + "_notes.sql", "CREATE TABLE notes (id int, body text);", "DROP TABLE notes;");
    }

    private void addConcurrentIndex(String create) {
        tenant.write(INDEX, "-- migrate:up transaction:false\n" + create + "\n\n"
            + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS notes_body;\n");
    }

    private Migrator migrator(TestDatabase db) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .lockPollInterval(Duration.ofMillis(20))
            .build());
    }

    private static List<String> invalidIndexes(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid")
            .mapTo(String.class).list());
    }

    /**
     * Another process's index build in flight has its start row and its INVALID index too: a run that reads the
     * schema then waits for the schema's lock and judges it again from what is there under it.
     */
    @Test
    void aPeersIndexBuildInFlightIsWaitedForNotTakenForAnInterruptedOne(TestDatabase db) throws Exception {
        migrator(db).up();
        addConcurrentIndex("CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body);");
        CompletableFuture<RunReport> peer;
        try (Handle writer = db.jdbi().open()) {
            writer.begin();
            writer.execute("LOCK TABLE t_a.notes IN ROW EXCLUSIVE MODE");
            peer = CompletableFuture.supplyAsync(() -> migrator(db).up());
            Await.until("the index build waiting for a lock", () -> ServerSessions.waitingForALock(db, "CREATE INDEX CONCURRENTLY") > 0);
            CompletableFuture<RunReport> second = CompletableFuture.supplyAsync(() -> migrator(db).up());
            Await.until("the second run waiting for the schema's lock", () -> !second.isDone() && ServerSessions.pollingForASchemaLock(db));
            writer.rollback();

            RunReport report = second.get(1, TimeUnit.MINUTES);
            assertThat(report.succeeded()).as(report.summary()).isTrue();
            // Found done by the peer: under the lock, or (the summary showing it) while waiting for the lock.
            assertThat(report.count(SchemaOutcome.Result.MIGRATED_ELSEWHERE) + report.count(SchemaOutcome.Result.DONE_ELSEWHERE))
                .isEqualTo(1);
        }
        assertThat(peer.get(1, TimeUnit.MINUTES).count(SchemaOutcome.Result.MIGRATED)).isEqualTo(1);
        assertThat(db.versions("t_a")).containsExactly(V1, V2);
        assertThat(invalidIndexes(db)).isEmpty();
    }

    @Test
    void aProcessKilledDuringCreateIndexConcurrentlyLeavesAStartRowThatRefusesTheSchemaUntilRepaired(TestDatabase db)
        throws Exception {
        migrator(db).up();
        addConcurrentIndex("CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body);");
        Process child;
        try (Handle writer = db.jdbi().open()) {
            // A transaction that has the table open keeps the index build waiting after its INVALID index exists.
            writer.begin();
            writer.execute("LOCK TABLE t_a.notes IN ROW EXCLUSIVE MODE");
            child = ChildUp.start(db, tenant.location(), dir.resolve("child.log"));
            try {
                Await.until("the index build waiting for a lock", () -> ServerSessions.waitingForALock(db, "CREATE INDEX CONCURRENTLY") > 0);
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                // The server notices a vanished client by itself (PostgreSQL 14+: client_connection_check_interval);
                // ending the backend here makes every version behave alike.
                db.queryOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE "
                    + "'CREATE INDEX CONCURRENTLY%' AND pid <> pg_backend_pid()", Integer.class);
            } finally {
                child.destroyForcibly();
            }
            writer.rollback();
        }
        assertThat(invalidIndexes(db)).containsExactly("t_a.notes_body");

        assertThatThrownBy(() -> migrator(db).up()).isInstanceOf(RunFailedException.class)
            .hasMessageStartingWith("Schema t_a has a recorded failure: " + INDEX + " started outside a transaction at ")
            .hasMessageEndingWith(" UTC and did not finish (the process or the database server stopped while it ran), so "
                + "part of it may be applied. It left an INVALID index, \"t_a\".\"notes_body\" (a CREATE INDEX CONCURRENTLY "
                + "that failed or was interrupted; queries do not use it): drop it with DROP INDEX CONCURRENTLY "
                + "\"t_a\".\"notes_body\"; then run db-repair --tenant t_a.");
        assertThat(db.versions("t_a")).containsExactly(V1);
        SchemaStatus status = migrator(db).status().schemas().get(1);
        assertThat(status.problems()).containsExactly("INTERRUPTED: " + INDEX,
            "INVALID INDEX: notes_body (drop it with DROP INDEX CONCURRENTLY \"t_a\".\"notes_body\")");
        assertThat(status.entries()).filteredOn(entry -> entry.state().isProblem())
            .extracting(StatusEntry::state, StatusEntry::version, StatusEntry::name)
            .containsExactly(tuple(StatusEntry.State.INTERRUPTED, Optional.of(V2), INDEX),
                tuple(StatusEntry.State.INVALID_INDEX, Optional.empty(), "notes_body"));
        assertThat(status.entries()).filteredOn(entry -> entry.state() == StatusEntry.State.INTERRUPTED)
            .allSatisfy(entry -> assertThat(entry.at()).isPresent());
        assertThat(status.entries()).filteredOn(entry -> entry.state() == StatusEntry.State.PENDING)
            .extracting(StatusEntry::name).containsExactly(INDEX);
        assertThatThrownBy(() -> migrator(db).ensureUp()).isInstanceOf(MigrationsNotUpException.class);

        db.execute("DROP INDEX CONCURRENTLY t_a.notes_body");
        HistoryChanges repaired = migrator(db).repair(List.of());
        assertThat(repaired.entries()).extracting(HistoryChange::kind, HistoryChange::schema, HistoryChange::version)
            .containsExactly(tuple(HistoryChange.Kind.FAILURE_CLEARED, "t_a", V2));
        assertThat(repaired.changes()).containsExactly("t_a: cleared the recorded failure of " + INDEX);
        RunReport rerun = migrator(db).up();

        assertThat(rerun.succeeded()).isTrue();
        assertThat(db.versions("t_a")).containsExactly(V1, V2);
        assertThat(invalidIndexes(db)).isEmpty();
        assertThat(db.tables("t_a")).doesNotContain("schema_migration_failures");
        assertThat(migrator(db).status().upToDate()).isTrue();
    }

    @Test
    void anInvalidIndexAlreadyInTheSchemaRefusesAMigrationOutsideATransactionBeforeItRuns(TestDatabase db) {
        migrator(db).up();
        db.execute("INSERT INTO t_a.notes VALUES (1, 'same'), (2, 'same')");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY notes_body ON t_a.notes (body)"))
            .hasMessageContaining("could not create unique index");
        addConcurrentIndex("CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body);");

        assertThatThrownBy(() -> migrator(db).up()).isInstanceOf(RunFailedException.class)
            .hasMessage(INDEX + " was not run in schema t_a, which has an INVALID index, \"t_a\".\"notes_body\" (a CREATE "
                + "INDEX CONCURRENTLY that failed or was interrupted; queries do not use it): drop it with DROP INDEX "
                + "CONCURRENTLY \"t_a\".\"notes_body\"; then run db-up again.");
        assertThat(db.versions("t_a")).containsExactly(V1);
        assertThat(db.tables("t_a")).doesNotContain("schema_migration_failures");

        db.execute("DROP INDEX CONCURRENTLY t_a.notes_body");
        db.execute("DELETE FROM t_a.notes WHERE id = 2");
        assertThat(migrator(db).up().succeeded()).isTrue();
        assertThat(db.versions("t_a")).containsExactly(V1, V2);
    }

    @Test
    void aFailedIndexBuildNamesTheInvalidIndexItLeftAndIsRecorded(TestDatabase db) {
        migrator(db).up();
        db.execute("INSERT INTO t_a.notes VALUES (1, 'same'), (2, 'same')");
        addConcurrentIndex("CREATE UNIQUE INDEX CONCURRENTLY notes_body ON notes (body);");

        assertThatThrownBy(() -> migrator(db).up()).isInstanceOf(RunFailedException.class)
            .hasMessageStartingWith(INDEX + " failed during up of schema t_a (it ran outside a transaction, so the statements "
                + "before the failing one stay applied; the failure is recorded and db-up refuses this schema until you "
                + "check it and run db-repair): ERROR: could not create unique index \"notes_body\"")
            .hasMessageEndingWith("; it left an INVALID index, \"t_a\".\"notes_body\" (a CREATE INDEX CONCURRENTLY that "
                + "failed or was interrupted; queries do not use it): drop it with DROP INDEX CONCURRENTLY "
                + "\"t_a\".\"notes_body\"");
        assertThat(migrator(db).status().schemas().get(1).problems()).containsExactly("FAILED: " + INDEX,
            "INVALID INDEX: notes_body (drop it with DROP INDEX CONCURRENTLY \"t_a\".\"notes_body\")");
    }
}
