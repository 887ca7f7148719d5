package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.TcpProxy;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invariant under faults at random moments, not only the numbered cases: a fleet run through a TCP
 * proxy that cuts every connection several times at random, with transactional migrations and a
 * {@code CREATE INDEX CONCURRENTLY} outside a transaction. Afterwards no history lies: every recorded
 * migration's objects are there (a recorded index is valid), and an object without its history row is
 * only ever the unfinished part of a migration outside a transaction whose failure or start row is
 * recorded. The documented recovery (drop the INVALID index, db-repair, db-up) then completes every schema.
 */
@ExtendWith(PostgresExtension.class)
class RandomCutsTest {

    private static final int TENANTS = 24;
    private static final long NOTES = 20240101000100L;
    private static final long TAGS = 20240101000200L;
    private static final long INDEX = 20240101000300L;

    @TempDir
    Path dir;

    @Test
    void randomCutsDuringAFleetRunLeaveNoHistoryThatLies(TestDatabase db) throws Exception {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add(NOTES + "_notes.sql", "CREATE TABLE notes (id int, body text);\nINSERT INTO notes SELECT g, 'n' || g "
                + "FROM generate_series(1, 2000) g;\nSELECT pg_sleep(0.02);", "DROP TABLE notes;")
            .add(TAGS + "_tags.sql", "CREATE TABLE tags (id int);\nSELECT pg_sleep(0.02);", "DROP TABLE tags;")
            .write(INDEX + "_body_index.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body);\n");
        List<String> tenants = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> String.format("t_%02d", i)).toList();
        long seed = System.nanoTime();
        Random random = new Random(seed);

        try (TcpProxy proxy = TcpProxy.to(db.url())) {
            ManagedDataSource pool = proxy.pool(db, 3, Duration.ofSeconds(5));
            try {
                Migrator migrator = new Migrator(Jdbi.create(pool), settings(tenant, tenants).toBuilder()
                    .connectAttempts(5).connectInterval(Duration.ofMillis(50)).build());
                CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return migrator.up();
                    } catch (RunFailedException e) {
                        return e.report();
                    }
                });
                while (!run.isDone()) {
                    Thread.sleep(50 + random.nextInt(300));
                    proxy.cut();
                }
                run.get(2, TimeUnit.MINUTES);
            } finally {
                pool.stop();
            }
        }

        for (String schema : tenants) {
            assertNoHistoryLies(db, schema, seed);
        }
        recover(db, tenant, tenants, seed);
    }

    /** Every recorded migration's objects are there; an object without its row has its failure or start row. */
    private static void assertNoHistoryLies(TestDatabase db, String schema, long seed) {
        List<String> tables = db.tables(schema);
        List<Long> recorded = tables.contains("schema_migrations") ? db.versions(schema) : List.of();
        List<Long> unfinished = tables.contains("schema_migration_failures")
            ? db.jdbi().withHandle(h -> h.createQuery("SELECT version FROM " + schema + ".schema_migration_failures")
                .mapTo(Long.class).list())
            : List.of();
        String context = "seed " + seed + ", schema " + schema + ", history " + recorded + ", recorded failures " + unfinished;
        assertThat(tables.contains("notes")).as(context).isEqualTo(recorded.contains(NOTES));
        assertThat(tables.contains("tags")).as(context).isEqualTo(recorded.contains(TAGS));
        Boolean indexValid = indexValid(db, schema);
        if (recorded.contains(INDEX)) {
            assertThat(indexValid).as(context).isTrue();
        } else if (indexValid != null) {
            assertThat(unfinished).as(context + ": an index without its history row").contains(INDEX);
        }
    }

    /** What the docs tell an operator to do after an interrupted index build, done for every schema that needs it. */
    private static void recover(TestDatabase db, MigrationFolder tenant, List<String> tenants, long seed) {
        Migrator direct = new Migrator(db.jdbi(), settings(tenant, tenants));
        List<String> refused = new ArrayList<>();
        try {
            direct.up();
        } catch (RunFailedException e) {
            e.report().failures().forEach(outcome -> refused.add(outcome.schema()));
        }
        for (String schema : refused) {
            // As the refusal says: an INVALID index is dropped; a valid one is the finished build, and stays.
            if (Boolean.FALSE.equals(indexValid(db, schema))) {
                db.execute("DROP INDEX CONCURRENTLY " + schema + ".notes_body");
            }
        }
        if (!refused.isEmpty()) {
            direct.repair(refused);
        }
        RunReport last = direct.up();
        assertThat(last.count(Result.FAILED)).as("seed %d", seed).isZero();
        for (String schema : tenants) {
            assertThat(db.versions(schema)).as("seed %d, schema %s", seed, schema).containsExactly(NOTES, TAGS, INDEX);
            assertNoHistoryLies(db, schema, seed);
        }
    }

    private static MigratorSettings settings(MigrationFolder tenant, List<String> tenants) {
        return MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(tenants))
            .concurrency(3)
            .continueOnError(true)
            .lockPollInterval(Duration.ofMillis(20))
            .networkTimeout(Duration.ofSeconds(5))
            .build();
    }

    /** Whether the schema's index is valid; null when there is none. */
    private static Boolean indexValid(TestDatabase db, String schema) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = "
            + "to_regclass(:name)").bind("name", schema + ".notes_body").mapTo(Boolean.class).findOne().orElse(null));
    }
}
