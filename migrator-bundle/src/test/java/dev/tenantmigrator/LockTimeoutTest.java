package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .lockTimeout(LOCK_TIMEOUT)
            .lockRetries(lockRetries)
            .schemaLockWait(Duration.ofSeconds(1))
            .build());
    }

    @Test
    void aMigrationBlockedByAnOpenTransactionRetriesWithoutStallingOtherQueriesAndSucceedsOnceItEnds(TestDatabase db)
        throws Exception {
        migrator(db, 1).up();
        tenant.add("20220101000002_add_name.sql", "ALTER TABLE items ADD COLUMN name text;", "ALTER TABLE items DROP COLUMN name;");
        Handle holder = db.jdbi().open();
        holder.begin();
        holder.createQuery("SELECT count(*) FROM t_a.items").mapTo(Integer.class).one();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowestRead = new AtomicLong();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                long started = System.nanoTime();
                db.queryOne("SELECT count(*) FROM t_a.items", Integer.class);
                slowestRead.accumulateAndGet(System.nanoTime() - started, Math::max);
            }
        });
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> migrator(db, 10).up());

        Thread.sleep(1500);
        holder.rollback();
        holder.close();
        RunReport report = run.get(1, TimeUnit.MINUTES);
        running.set(false);
        reader.get(1, TimeUnit.MINUTES);

        assertThat(report.succeeded()).isTrue();
        assertThat(db.columns("t_a", "items")).containsExactly("id", "name");
        // A reader queued behind the ALTER waits at most about one lockTimeout, never the whole 1.5 s.
        assertThat(Duration.ofNanos(slowestRead.get())).isLessThan(LOCK_TIMEOUT.plusMillis(700));
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
        try (Handle peer = db.jdbi().open()) {
            peer.createQuery("SELECT pg_advisory_lock(" + 0x7E4A_1C01 + ", hashtext('t_a'))").mapToMap().one();

            assertThatThrownBy(() -> migrator(db, 1).up())
                .isInstanceOf(RunFailedException.class)
                .hasMessage("Schema t_a is being migrated by another process: its migration lock was not free within "
                    + "schemaLockWait (1 s); run again once that process has finished, or look for a session holding an "
                    + "advisory lock in pg_locks.");
        }
        assertThat(db.versions("t_a")).containsExactly(20220101000001L);
    }
}
