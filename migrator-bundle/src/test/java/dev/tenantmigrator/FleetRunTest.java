package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs over many tenants: parallel workers, processes sharing the tenants, failures and the report. */
@ExtendWith(PostgresExtension.class)
class FleetRunTest {

    private static final long V1 = 20220101000001L;
    private static final long V2 = 20220101000002L;
    private static final long V3 = 20220101000003L;

    @TempDir
    Path dir;
    private MigrationFolder main;
    private MigrationFolder tenant;
    private final List<MigrationFailure> handled = Collections.synchronizedList(new ArrayList<>());

    /** Every migration appends to a log in the main schema: a migration applied twice shows as a duplicate row. */
    @BeforeEach
    void writeMigrations() {
        main = new MigrationFolder(dir.resolve("main"))
            .add(V1 + "_create_log.sql", "CREATE TABLE applied_log (schema_name text NOT NULL, version bigint NOT NULL);",
                "DROP TABLE applied_log;");
        tenant = new MigrationFolder(dir.resolve("tenant"));
        for (long version : List.of(V1, V2)) {
            tenant.add(version + "_step.sql", "CREATE TABLE step_" + version + " (id int);\n"
                + "INSERT INTO applied_log VALUES (current_schema(), " + version + ");", "DROP TABLE step_" + version + ";");
        }
    }

    private MigratorSettings.Builder settings(List<String> tenants) {
        return MigratorSettings.builder()
            .mainLocation(main.location())
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(tenants))
            .lockPollInterval(Duration.ofMillis(5))
            .exceptionHandler((exception, failure) -> handled.add(failure));
    }

    private static List<String> tenants(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("t_%03d", i)).toList();
    }

    /** (schema, version) pairs logged more than once. */
    private static List<String> appliedTwice(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT schema_name || ':' || version FROM applied_log "
            + "GROUP BY schema_name, version HAVING count(*) > 1").mapTo(String.class).list());
    }

    private static int logged(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM applied_log", Integer.class);
    }

    @Test
    void eightWorkersOnTwoHundredTenantsApplyEverythingOnceAndHandEachFailedSchemaToTheHandlerOnce(TestDatabase db) {
        tenant.add(V3 + "_fails_for_some.sql", "INSERT INTO applied_log VALUES (current_schema(), " + V3 + ");\n"
            + "SELECT 1 / (CASE WHEN current_schema() LIKE '%7' THEN 0 ELSE 1 END);", "SELECT 1;");
        List<String> names = tenants(200);
        Set<String> failing = names.stream().filter(name -> name.endsWith("7")).collect(Collectors.toSet());

        Migrator migrator = new Migrator(db.jdbi(), settings(names).concurrency(8).continueOnError(true).build());
        RunReport report = assertThatThrownBy(migrator::up).isInstanceOf(RunFailedException.class)
            .actual() instanceof RunFailedException failed ? failed.report() : null;

        assertThat(failing).hasSize(20);
        assertThat(appliedTwice(db)).isEmpty();
        assertThat(logged(db)).isEqualTo(200 * 2 + 180);
        assertThat(handled).extracting(failure -> failure.schema().orElseThrow()).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(report.count(Result.FAILED)).isEqualTo(20);
        assertThat(report.count(Result.MIGRATED)).isEqualTo(1 + 180);
        assertThat(report.migrationCount()).isEqualTo(1 + 200 * 2 + 180);
        for (String name : names) {
            assertThat(db.versions(name)).hasSize(failing.contains(name) ? 2 : 3);
        }
        assertThat(report.schemas()).extracting(SchemaOutcome::schema).first().isEqualTo("public");
    }

    @Test
    void threeProcessesWithTheirOwnPoolsShareTwoHundredTenantsEachDoingSomeAndAllSucceeding(TestDatabase db) throws Exception {
        // A short sleep per migration makes the three runs overlap as pods on a real deploy do.
        tenant.add(V3 + "_slow.sql", "SELECT pg_sleep(0.002);\nINSERT INTO applied_log VALUES (current_schema(), " + V3 + ");",
            "SELECT 1;");
        List<String> names = tenants(200);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<RunReport>> runs = new ArrayList<>();
        for (int process = 0; process < 3; process++) {
            Migrator migrator = new Migrator(Jdbi.create(db.pooledDataSource(3)), settings(names).concurrency(2).build());
            runs.add(CompletableFuture.supplyAsync(() -> {
                Await.untilOpen(start);
                return migrator.up();
            }));
        }
        start.countDown();
        List<RunReport> reports = new ArrayList<>();
        for (CompletableFuture<RunReport> run : runs) {
            reports.add(run.get(3, TimeUnit.MINUTES));
        }

        assertThat(appliedTwice(db)).isEmpty();
        assertThat(logged(db)).isEqualTo(200 * 3);
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.succeeded()).isTrue();
            assertThat(tenantsWith(report, Result.MIGRATED)).as(report.summary()).isPositive();
        });
        assertThat(reports.stream().mapToInt(report -> tenantsWith(report, Result.MIGRATED)).sum()).isEqualTo(200);
        assertThat(new Migrator(db.jdbi(), settings(names).build()).status().upToDate()).isTrue();
    }

    @Test
    void processesRunningTogetherNeverMigrateMoreSchemasAtOnceThanTheConcurrencySays(TestDatabase db) throws Exception {
        main.add(V2 + "_create_intervals.sql", "CREATE TABLE intervals (schema_name text, started timestamptz, ended timestamptz);",
            "DROP TABLE intervals;");
        tenant.add(V3 + "_timed.sql", "CREATE TEMP TABLE started ON COMMIT DROP AS SELECT clock_timestamp() AS at;\n"
            + "SELECT pg_sleep(0.03);\n"
            + "INSERT INTO intervals SELECT current_schema(), at, clock_timestamp() FROM started;", "SELECT 1;");
        List<String> names = tenants(30);
        new Migrator(db.jdbi(), settings(names).build()).up(List.of());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<RunReport>> runs = new ArrayList<>();
        for (int process = 0; process < 3; process++) {
            Migrator migrator = new Migrator(Jdbi.create(db.pooledDataSource(4)), settings(names).concurrency(2).build());
            runs.add(CompletableFuture.supplyAsync(() -> {
                Await.untilOpen(start);
                return migrator.up();
            }));
        }
        start.countDown();
        for (CompletableFuture<RunReport> run : runs) {
            assertThat(run.get(3, TimeUnit.MINUTES).succeeded()).isTrue();
        }

        // The most intervals that overlap one another: at an interval's start, how many others are running.
        int mostAtOnce = db.queryOne("SELECT max((SELECT count(*) FROM intervals o WHERE o.started <= i.started "
            + "AND o.ended > i.started)) FROM intervals i", Integer.class);
        assertThat(db.queryOne("SELECT count(*) FROM intervals", Integer.class)).isEqualTo(30);
        assertThat(mostAtOnce).isBetween(1, 2);
    }

    @Test
    void withContinueOnErrorEveryOtherTenantIsMigratedAndTheReportNamesTheFailure(TestDatabase db) {
        List<String> names = tenants(5);
        new Migrator(db.jdbi(), settings(names).build()).up();
        tenant.add(V3 + "_fails_in_t_003.sql", "CREATE TABLE audit (id int);\n"
            + "SELECT 1 / (CASE WHEN current_schema() = 't_003' THEN 0 ELSE 1 END);", "DROP TABLE audit;");

        RunFailedException failed = (RunFailedException) assertThatThrownBy(
            () -> new Migrator(db.jdbi(), settings(names).concurrency(1).continueOnError(true).build()).up())
            .isInstanceOf(RunFailedException.class).actual();

        assertThat(failed.report().summary()).isEqualTo("6 schemas: 4 migrated (4 migrations), 1 already up to date, "
            + "1 failed: t_003 (" + V3 + "_fails_in_t_003.sql: statement 2 of 2 (line 3: SELECT 1 / (CASE WHEN "
            + "current_schema() = 't_003' THEN 0 ELSE 1 END)) failed: ERROR: division by zero).");
        for (String name : names) {
            assertThat(db.tables(name).contains("audit")).as(name).isEqualTo(!name.equals("t_003"));
        }
        assertThat(handled).extracting(failure -> failure.schema().orElseThrow()).containsExactly("t_003");
    }

    @Test
    void withoutContinueOnErrorNoSchemaStartsAfterTheFailureAndTheReportMatchesTheDatabase(TestDatabase db) {
        List<String> names = tenants(40);
        // The others are slow and t_010 fails at once, so most schemas are still to start when it fails.
        tenant.add(V3 + "_fails_in_t_010.sql", "CREATE TABLE audit (id int);\n"
            + "SELECT 1 / (CASE WHEN current_schema() = 't_010' THEN 0 ELSE 1 END);\n"
            + "SELECT pg_sleep(0.05);", "DROP TABLE audit;");

        RunReport report = ((RunFailedException) assertThatThrownBy(
            () -> new Migrator(db.jdbi(), settings(names).concurrency(4).build()).up())
            .isInstanceOf(RunFailedException.class).actual()).report();

        Map<Result, List<String>> byResult = report.schemas().stream().filter(SchemaOutcome::tenant)
            .collect(Collectors.groupingBy(SchemaOutcome::result, Collectors.mapping(SchemaOutcome::schema, Collectors.toList())));
        assertThat(byResult.get(Result.FAILED)).containsExactly("t_010");
        // Jobs in flight when t_010 failed finish; no other starts.
        assertThat(byResult.get(Result.NOT_ATTEMPTED)).hasSizeGreaterThan(10)
            .hasSize(40 - 1 - byResult.get(Result.MIGRATED).size());
        for (String name : byResult.get(Result.MIGRATED)) {
            assertThat(db.versions(name)).as(name).contains(V3);
        }
        for (String name : byResult.get(Result.NOT_ATTEMPTED)) {
            assertThat(db.schemas()).as(name).doesNotContain(name);
        }
    }

    @Test
    void aLongRunLogsItsProgress(TestDatabase db) {
        tenant.add(V3 + "_slow.sql", "SELECT pg_sleep(0.03);", "SELECT 1;");
        Logger progressLog = (Logger) LoggerFactory.getLogger("dev.tenantmigrator.internal.execute.Progress");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        progressLog.addAppender(lines);
        progressLog.setLevel(Level.INFO);
        try {
            new Migrator(db.jdbi(), settings(tenants(20)).concurrency(1).progressInterval(Duration.ofMillis(100)).build()).up();
        } finally {
            progressLog.detachAppender(lines);
            progressLog.setLevel(null);
        }

        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list.get(0).getFormattedMessage())
            .matches("Migrating: [0-9]+ of 20 schemas done, [0-9]+ migrations applied, 0 failed, [0-9]+ s elapsed, .*");
    }

    private static int tenantsWith(RunReport report, Result result) {
        return (int) report.schemas().stream().filter(schema -> schema.tenant() && schema.result() == result).count();
    }
}
