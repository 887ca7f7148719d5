package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.UpsTogether;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two processes running up at once, as two pods of a deploy do: each migration is applied exactly once. */
@ExtendWith(PostgresExtension.class)
class ConcurrentUpTest {

    private static final int TENANTS = 50;

    @TempDir
    Path dir;

    @Test
    void twoConcurrentUpsOnFiftyTenantsApplyEveryMigrationExactlyOnce(TestDatabase db) throws Exception {
        // Every migration appends to a log in the main schema, so a second application would show as a duplicate row.
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .add("20220101000001_create_log.sql",
                "CREATE TABLE applied_log (schema_name text NOT NULL, version bigint NOT NULL);\n"
                    + "INSERT INTO applied_log VALUES (current_schema(), 20220101000001);",
                "DROP TABLE applied_log;");
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"));
        for (int v = 1; v <= 3; v++) {
            long version = 20220101000000L + v;
            tenant.add(version + "_step" + v + ".sql",
                "CREATE TABLE step" + v + " (id int);\nINSERT INTO applied_log VALUES (current_schema(), " + version + ");",
                "DROP TABLE step" + v + ";");
        }
        List<String> tenants = tenantNames(TENANTS);
        MigratorSettings settings = settings(main, tenant, tenants);

        runTwoUpsTogether(db, settings);

        assertThat(db.queryOne("SELECT count(*) FROM applied_log", Integer.class)).isEqualTo(1 + 3 * TENANTS);
        assertThat(db.queryOne("SELECT count(*) FROM (SELECT DISTINCT schema_name, version FROM applied_log) d", Integer.class))
            .isEqualTo(1 + 3 * TENANTS);
        for (String name : tenants) {
            assertThat(db.versions(name)).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);
        }
        assertThat(new Migrator(db.jdbi(), settings).status().upToDate()).isTrue();
    }

    @Test
    void concurrentIndexBuildsOutsideATransactionDoNotDeadlockAgainstAWaitingPeer(TestDatabase db) throws Exception {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_items.sql", "CREATE TABLE items (id int, name text);", "DROP TABLE items;")
            .write("20220101000002_index_items.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY items_name ON items (name);\n");
        List<String> tenants = tenantNames(10);
        MigratorSettings settings = settings(null, tenant, tenants);

        runTwoUpsTogether(db, settings);

        for (String name : tenants) {
            assertThat(db.versions(name)).containsExactly(20220101000001L, 20220101000002L);
            assertThat(db.queryOne("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('" + name + ".items_name')",
                Boolean.class)).isTrue();
        }
    }

    @Test
    void threeProcessesTogetherMigrateNoMoreSchemasAtOnceThanConcurrencySays(TestDatabase db) throws Exception {
        // Each tenant migration records when it ran; the slots are shared, so three processes of
        // concurrency 2 must never have more than two schemas migrating at one instant.
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .add("20220101000001_create_windows.sql",
                "CREATE TABLE ran (schema_name text, started timestamptz, ended timestamptz);", "DROP TABLE ran;");
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000002_slow.sql", "CREATE TABLE slow (id int);\n"
                + "INSERT INTO public.ran SELECT current_schema(), statement_timestamp(), clock_timestamp() FROM pg_sleep(0.04);", "DROP TABLE slow;");
        List<String> tenants = tenantNames(24);
        MigratorSettings settings = settings(main, tenant, tenants).toBuilder().concurrency(2).build();

        runUpsTogether(db, settings, 3);

        assertThat(db.queryOne("SELECT count(*) FROM ran", Integer.class)).isEqualTo(24);
        // The most running at one instant is the most running at some migration's start.
        int mostAtOnce = db.queryOne("SELECT max((SELECT count(*) FROM ran o WHERE o.started <= r.started AND r.started < o.ended)) "
            + "FROM ran r", Integer.class);
        assertThat(mostAtOnce).isBetween(1, 2);
    }

    @Test
    void threeProcessesSpreadOverTheTenantsAndSkipWhatAPeerDidInsteadOfVisitingIt(TestDatabase db) throws Exception {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;")
            .add("20220101000002_tags.sql", "CREATE TABLE tags (id int);", "DROP TABLE tags;");
        List<String> tenants = tenantNames(300);
        MigratorSettings settings = settings(null, tenant, tenants).toBuilder().concurrency(1).build();

        List<RunReport> reports = runUpsTogether(db, settings, 3);

        // A schema is visited when a run took its lock: migrated there, or found migrated by a peer under the lock.
        Map<String, Long> visits = reports.stream().flatMap(report -> report.schemas().stream())
            .filter(outcome -> outcome.tenant() && (outcome.result() == SchemaOutcome.Result.MIGRATED
                || outcome.result() == SchemaOutcome.Result.MIGRATED_ELSEWHERE))
            .collect(Collectors.groupingBy(SchemaOutcome::schema, Collectors.counting()));
        List<Long> migratedByEach = reports.stream().map(report -> report.schemas().stream()
            .filter(outcome -> outcome.tenant() && outcome.result() == SchemaOutcome.Result.MIGRATED).count()).toList();
        assertThat(migratedByEach).as("tenants each run migrated").allSatisfy(count -> assertThat(count).isPositive());
        assertThat(migratedByEach.stream().mapToLong(Long::longValue).sum()).as("tenants migrated, each once").isEqualTo(300);
        assertThat(visits.entrySet()).as("schemas visited by all three runs").noneMatch(entry -> entry.getValue() == 3);
        for (String name : tenants) {
            assertThat(db.versions(name)).containsExactly(20220101000001L, 20220101000002L);
        }
    }

    private static List<String> tenantNames(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tenant_" + i).toList();
    }

    /** Settings for these folders; without a main folder, the default main location, which the tests lack. */
    private static MigratorSettings settings(MigrationFolder main, MigrationFolder tenant, List<String> tenants) {
        return MigratorSettings.builder()
            .mainLocation(main == null ? MigratorSettings.DEFAULT_MAIN_LOCATION : main.location())
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(tenants))
            .lockPollInterval(Duration.ofMillis(5))
            .build();
    }

    /** Starts two migrators' up() at the same instant, as two pods do, and waits for both to succeed. */
    private static void runTwoUpsTogether(TestDatabase db, MigratorSettings settings) throws Exception {
        runUpsTogether(db, settings, 2);
    }

    /**
     * Starts {@code processes} migrators' up() at the same instant, each on a pool of its own as a pod has, and waits
     * for all to succeed; their reports.
     */
    private static List<RunReport> runUpsTogether(TestDatabase db, MigratorSettings settings, int processes) throws Exception {
        return UpsTogether.run(() -> Jdbi.create(db.pooledDataSource(settings.concurrency() + 1)), settings, processes);
    }
}
