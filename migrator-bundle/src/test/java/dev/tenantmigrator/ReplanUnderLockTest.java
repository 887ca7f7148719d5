package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job plans its schema again from the history it reads under the schema's lock: a plan made from
 * the run's earlier read is a forecast. Every history then matches its schema's objects, however
 * up and down runs of several processes interleave.
 */
@ExtendWith(PostgresExtension.class)
class ReplanUnderLockTest {

    private static final long V1 = 20240101000100L;
    private static final long V2 = 20240101000200L;
    private static final long V3 = 20240101000300L;

    @TempDir
    Path dir;
    private MigrationFolder tenant;

    /** Each migration builds on the one before: a history that lies shows as a missing or extra object. */
    @BeforeEach
    void writeMigrations() {
        new MigrationFolder(dir.resolve("main"))
            .add("20240101000001_tenants.sql", "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;");
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add(V1 + "_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;")
            .add(V2 + "_body.sql", "ALTER TABLE notes ADD COLUMN body text;", "ALTER TABLE notes DROP COLUMN body;");
    }

    private void addIndexMigration() {
        tenant.add(V3 + "_body_index.sql", "CREATE INDEX notes_body ON notes (body);", "DROP INDEX notes_body;");
    }

    private Migrator migrator(Jdbi jdbi, int concurrency) {
        return new Migrator(jdbi, MigratorSettings.builder()
            .mainLocation("filesystem:" + dir.resolve("main"))
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.query("SELECT slug FROM tenants ORDER BY slug"))
            .lockPollInterval(Duration.ofMillis(5))
            .concurrency(concurrency)
            .build());
    }

    private static void addTenants(TestDatabase db, List<String> slugs) {
        slugs.forEach(slug -> db.execute("INSERT INTO tenants VALUES ('" + slug + "')"));
    }

    @Test
    void aDownPlannedBeforeAPeersUpRollsBackWhatThatUpAppliedToo(TestDatabase db) {
        migrator(db.jdbi(), 1).up();
        addTenants(db, List.of("t_a"));
        migrator(db.jdbi(), 1).up();
        addIndexMigration();
        Migrator down;
        CompletableFuture<RunReport> rollingBack;
        try (Handle peer = ServerSessions.holdSchemaLock(db, "t_a")) {
            down = migrator(db.jdbi(), 1);
            rollingBack = CompletableFuture.supplyAsync(() -> down.down(V2, List.of("t_a")));
            // Refused the lock: the run has planned and now waits.
            Await.until("the run asking for the schema's lock", () -> ServerSessions.askedForASchemaLock(db));
            // The peer applies V3, which needs V2's column, after the down planned to roll back V2 alone.
            peer.execute("CREATE INDEX notes_body ON t_a.notes (body)");
            peer.execute("INSERT INTO t_a.schema_migrations (version, inserted_at) VALUES (" + V3 + ", now())");
        }

        RunReport report = rollingBack.join();

        assertThat(db.versions("t_a")).containsExactly(V1);
        assertThat(db.columns("t_a", "notes")).containsExactly("id");
        assertThat(report.schemas()).singleElement().satisfies(outcome -> {
            assertThat(outcome.migrations()).containsExactly(V3 + "_body_index.sql", V2 + "_body.sql");
            assertThat(outcome.replanned()).hasValue("re-planned under the lock, the history having changed since the run "
                + "read it: planned " + V2 + ", ran " + V3 + ", " + V2);
        });
        assertThat(report.summary()).contains("1 re-planned under their lock");
    }

    @Test
    void anUpPlannedBeforeAPeersDownAppliesWhatIsPendingNow(TestDatabase db) {
        migrator(db.jdbi(), 1).up();
        addTenants(db, List.of("t_a"));
        migrator(db.jdbi(), 1).up();
        addIndexMigration();
        CompletableFuture<RunReport> applying;
        try (Handle peer = ServerSessions.holdSchemaLock(db, "t_a")) {
            Migrator up = migrator(db.jdbi(), 1);
            applying = CompletableFuture.supplyAsync(up::up);
            // Refused the lock: the run has planned and now waits.
            Await.until("the run asking for the schema's lock", () -> ServerSessions.askedForASchemaLock(db));
            peer.execute("ALTER TABLE t_a.notes DROP COLUMN body");
            peer.execute("DELETE FROM t_a.schema_migrations WHERE version = " + V2);
        }

        RunReport report = applying.join();

        assertThat(db.versions("t_a")).containsExactly(V1, V2, V3);
        assertThat(report.schemas().get(1).migrations()).containsExactly(V2 + "_body.sql", V3 + "_body_index.sql");
    }

    @Test
    void aTenantDroppedDuringTheRunIsNotCreatedAgain(TestDatabase db) {
        migrator(db.jdbi(), 1).up();
        addTenants(db, List.of("t_gone"));
        migrator(db.jdbi(), 1).up();
        addIndexMigration();
        CompletableFuture<RunReport> applying;
        try (Handle peer = ServerSessions.holdSchemaLock(db, "t_gone")) {
            Migrator up = migrator(db.jdbi(), 1);
            applying = CompletableFuture.supplyAsync(up::up);
            // Refused the lock: the run has planned and now waits.
            Await.until("the run asking for the schema's lock", () -> ServerSessions.askedForASchemaLock(db));
            peer.execute("DELETE FROM tenants WHERE slug = 't_gone'");
            peer.execute("DROP SCHEMA t_gone CASCADE");
        }

        RunReport report = applying.join();

        assertThat(db.schemas()).doesNotContain("t_gone");
        assertThat(report.succeeded()).isTrue();
        assertThat(report.schemas().get(1).result()).isEqualTo(Result.DISAPPEARED);
        assertThat(report.summary()).contains("1 dropped during the run");
    }

    /**
     * Three "processes" (each its own migrator and connections) run up, down to a random version and up
     * again over 50 tenants in random order with random pauses; afterwards every history matches its objects.
     */
    @Test
    void randomInterleavingsOfUpAndDownLeaveEveryHistoryMatchingItsObjects(TestDatabase db) {
        addIndexMigration();
        migrator(db.jdbi(), 1).up();
        List<String> slugs = IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("t_%02d", i)).toList();
        addTenants(db, slugs);
        long seed = System.nanoTime();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            Random random = new Random(seed + p);
            Migrator migrator = migrator(Jdbi.create(db.pooledDataSource(4)), 1 + random.nextInt(3));
            processes.add(CompletableFuture.runAsync(() -> {
                for (int op = 0; op < 6; op++) {
                    try {
                        Thread.sleep(random.nextInt(40));
                        if (random.nextBoolean()) {
                            migrator.up();
                        } else {
                            migrator.down(List.of(V1, V2, V3).get(random.nextInt(3)), slugs);
                        }
                    } catch (RunFailedException e) {
                        failures.add(e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        processes.forEach(CompletableFuture::join);

        assertThat(failures).as("seed %d", seed).isEmpty();
        for (String slug : slugs) {
            TreeSet<Long> history = new TreeSet<>(db.versions(slug));
            List<String> objects = new ArrayList<>();
            if (db.tables(slug).contains("notes")) {
                objects.add("notes");
                objects.addAll(db.columns(slug, "notes").stream().filter(column -> !column.equals("id")).toList());
                if (db.queryOne("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + slug + "' AND indexname = 'notes_body'",
                    Integer.class) > 0) {
                    objects.add("notes_body");
                }
            }
            List<String> expected = new ArrayList<>();
            List.of("notes", "body", "notes_body").forEach(object -> {
                if (history.contains(List.of(V1, V2, V3).get(expected.size()))) {
                    expected.add(object);
                }
            });
            assertThat(objects).as("seed %d, schema %s with history %s", seed, slug, history).isEqualTo(expected);
        }
    }
}
