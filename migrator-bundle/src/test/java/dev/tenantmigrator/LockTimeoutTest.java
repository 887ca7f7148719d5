package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A migration on a busy table: it waits at most lockTimeout at a time, so the table's other queries are not stalled behind it. */
@ExtendWith(PostgresExtension.class)
class LockTimeoutTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private MigrationFolder tenant;

    @BeforeEach
    void writeMigrations() {
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_items.sql", "CREATE TABLE items (id int);\nINSERT INTO items VALUES (1);", "DROP TABLE items;");
    }

    private Migrator migrator(TestDatabase db, int lockRetries) {
        return migrator(db, LOCK_TIMEOUT, lockRetries);
    }

    private Migrator migrator(TestDatabase db, Duration lockTimeout, int lockRetries) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .lockTimeout(lockTimeout)
            .lockRetries(lockRetries)
            .schemaLockWait(Duration.ofSeconds(1))
            .build());
    }

    @Test
    void aMigrationBlockedByAnOpenTransactionLetsTheReadsQueuedBehindItThroughAndSucceedsOnceItEnds(TestDatabase db)
        throws Exception {
        migrator(db, 1).up();
        tenant.add("20220101000002_add_name.sql", "ALTER TABLE items ADD COLUMN name text;", "ALTER TABLE items DROP COLUMN name;");
        // The holder is closed first: a failing test ends its transaction before it closes the reader queued behind it.
        AtomicBoolean reading = new AtomicBoolean(true);
        try (Handle reader = db.jdbi().open(); Handle holder = db.jdbi().open()) {
            holder.begin();
            holder.createQuery("SELECT count(*) FROM t_a.items").mapTo(Integer.class).one();
            int holderPid = ServerSessions.pid(holder);
            int readerPid = ServerSessions.pid(reader);
            AtomicInteger reads = new AtomicInteger();
            CompletableFuture<Void> readLoop = CompletableFuture.runAsync(() -> {
                while (reading.get()) {
                    reader.createQuery("SELECT count(*) FROM t_a.items").mapTo(Integer.class).one();
                    reads.incrementAndGet();
                }
            });
            // A lockTimeout long enough for the test to see a read queue behind one attempt; retries for a minute.
            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> migrator(db, Duration.ofSeconds(1), 12).up());

            // A read that comes while the ALTER waits for its lock queues behind it ...
            Await.until("a read queued behind the migration's ALTER",
                () -> ServerSessions.queuedBehind(db, readerPid, "AccessExclusiveLock", "t_a.items"));
            int readsWhileQueued = reads.get();
            // ... and gets through while the open transaction still holds the table: the ALTER let go of its place.
            Await.until("the queued read done", () -> reads.get() > readsWhileQueued);
            assertThat(ServerSessions.holds(db, holderPid, "AccessShareLock", "t_a.items")).isTrue();
            assertThat(run).as("the migration, trying again").isNotDone();

            holder.rollback();
            RunReport report = run.get(1, TimeUnit.MINUTES);
            reading.set(false);
            readLoop.get(1, TimeUnit.MINUTES);

            assertThat(report.succeeded()).isTrue();
        } finally {
            reading.set(false);
        }
        assertThat(db.columns("t_a", "items")).containsExactly("id", "name");
    }

    @Test
    void aLockThatNeverComesFailsTheSchemaAfterTheConfiguredAttemptsNamingTheStatement(TestDatabase db) {
        migrator(db, 1).up();
        tenant.add("20220101000002_add_name.sql", "ALTER TABLE items ADD COLUMN name text;", "ALTER TABLE items DROP COLUMN name;");
        try (Handle holder = db.jdbi().open()) {
            holder.begin();
            holder.createQuery("SELECT count(*) FROM t_a.items").mapTo(Integer.class).one();

            assertThatThrownBy(() -> migrator(db, 3).up())
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("20220101000002_add_name.sql could not get its locks in schema t_a: lock_timeout "
                    + "(300 ms) expired in each of 3 attempts; another session holds a lock on what it changes (look for "
                    + "long transactions in pg_stat_activity): ")
                .hasMessageContaining("lock timeout");
            holder.rollback();
        }
        assertThat(db.columns("t_a", "items")).containsExactly("id");
        assertThat(db.versions("t_a")).containsExactly(20220101000001L);
    }

    @Test
    void aSchemaAnotherProcessKeepsLockedFailsAfterSchemaLockWaitNamingIt(TestDatabase db) {
        migrator(db, 1).up();
        tenant.add("20220101000002_add_name.sql", "ALTER TABLE items ADD COLUMN name text;", "ALTER TABLE items DROP COLUMN name;");
        try (Handle peer = ServerSessions.holdSchemaLock(db, "t_a")) {
            assertThatThrownBy(() -> migrator(db, 1).up())
                .isInstanceOf(RunFailedException.class)
                .hasMessage("Schema t_a is being migrated by another process: its migration lock was not free within "
                    + "schemaLockWait (1 s); run again once that process has finished, or look for a session holding an "
                    + "advisory lock in pg_locks.");
        }
        assertThat(db.versions("t_a")).containsExactly(20220101000001L);
    }
}
