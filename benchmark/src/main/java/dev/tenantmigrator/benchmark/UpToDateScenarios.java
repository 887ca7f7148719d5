package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.ours.OurProject;
import dev.tenantmigrator.benchmark.ours.OursScenarios;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.RowKey;
import java.nio.file.Path;
import java.util.List;

/** The scenarios that start from an up-to-date database, shared by the from-empty and the prepared-state runs. */
final class UpToDateScenarios {

    private final Bench bench;

    UpToDateScenarios(Bench bench) {
        this.bench = bench;
    }

    /**
     * db-up with nothing pending, db-ensure-up, db-status and the health check, on an up-to-date
     * database, in the JVM variant of {@code ours}.
     */
    void readOnly(BenchDatabase database, OurProject project, int concurrency, OursScenarios ours) throws Exception {
        if (bench.selection().wants(Runner.OURS, Scenario.UP_NOOP)) {
            bench.beforeTiming();
            bench.record(database, Scenario.UP_NOOP, Runner.OURS, ours.variant("c" + concurrency), ours.up(project, concurrency));
        }
        if (bench.selection().wants(Runner.OURS, Scenario.ENSURE_UP)) {
            bench.beforeTiming();
            bench.record(database, Scenario.ENSURE_UP, Runner.OURS, ours.variant("-"), ours.ensureUp(project));
        }
        if (bench.selection().wants(Runner.OURS, Scenario.STATUS)) {
            bench.beforeTiming();
            bench.record(database, Scenario.STATUS, Runner.OURS, ours.variant("-"), ours.status(project));
        }
        if (bench.selection().wants(Runner.OURS, Scenario.HEALTH)) {
            bench.beforeTiming();
            List<Measurement> health = ours.health(project);
            bench.results().add(new RowKey(database.tenants(), Scenario.HEALTH_FIRST, Runner.OURS, ours.variant("-")),
                health.get(0));
            bench.results().add(new RowKey(database.tenants(), Scenario.HEALTH_MEDIAN, Runner.OURS, ours.variant("-")),
                health.get(1));
        }
    }

    /** The new migration on every tenant by psql, in one session, then (after rolling it back) in two. */
    void psqlNewMigration(BenchDatabase database, Path folder) throws Exception {
        bench.beforeTiming();
        bench.record(database, Scenario.NEW_MIGRATION, Runner.PSQL, FromEmptyRuns.ONE_SESSION,
            bench.checkNewMigration(database, bench.psql().newMigration(database, folder, 1)));
        bench.psql().undoNewMigration(database, folder);
        bench.beforeTiming();
        bench.record(database, Scenario.NEW_MIGRATION, Runner.PSQL, FromEmptyRuns.TWO_SESSIONS,
            bench.checkNewMigration(database, bench.psql().newMigration(database, folder, 2)));
    }
}
