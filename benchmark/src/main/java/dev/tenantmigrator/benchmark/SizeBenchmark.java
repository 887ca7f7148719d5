package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.ours.OursScenarios;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.RowKey;
import java.util.List;

/**
 * Runs every selected scenario at one size, {@code --runs} times: from empty on fresh databases,
 * or, at large sizes, the incremental scenarios on one state built by psql. Flyway and Liquibase
 * run at large sizes only when {@code --only} names them.
 */
final class SizeBenchmark {

    private final Bench bench;

    SizeBenchmark(Bench bench) {
        this.bench = bench;
    }

    /** Whether this size runs on a prepared state (large and not {@code --from-empty-at-large}). */
    static boolean onPreparedState(Options options, int tenants) {
        return tenants >= options.large() && !options.fromEmptyAtLarge();
    }

    /** Runs every selected scenario at {@code tenants} tenants, {@code --runs} times. */
    void run(int tenants) throws Exception {
        Options options = bench.options();
        Selection selection = bench.selection();
        boolean prepared = onPreparedState(options, tenants);
        boolean needsState = selection.wants(Runner.OURS) || selection.wants(Runner.JDBC) || selection.wants(Runner.PSQL);
        UpToDateScenarios upToDate = new UpToDateScenarios(bench);
        FromEmptyRuns fromEmpty = new FromEmptyRuns(bench, upToDate);
        PreparedStateRuns preparedRuns = new PreparedStateRuns(bench, upToDate);
        try {
            for (int run = 1; run <= options.runs(); run++) {
                System.err.printf("[%,d tenants: run %d of %d]%n", tenants, run, options.runs());
                if (run == 1) {
                    recordMissingConcurrency(tenants, prepared);
                }
                if (prepared && needsState) {
                    preparedRuns.run(tenants);
                } else if (!prepared) {
                    fromEmpty.ours(tenants);
                    fromEmpty.oursRace(tenants);
                    fromEmpty.peer(Runner.JDBC, tenants);
                    fromEmpty.psql(tenants);
                }
                for (Runner runner : List.of(Runner.FLYWAY, Runner.LIQUIBASE)) {
                    if (tenants < options.large() || selection.named(runner)) {
                        fromEmpty.peer(runner, tenants);
                    }
                }
            }
        } finally {
            preparedRuns.close();
        }
    }

    /** Rows for the concurrencies this db-up cannot run, once per size. */
    private void recordMissingConcurrency(int tenants, boolean prepared) {
        for (int concurrency : bench.options().concurrencies()) {
            if (bench.ours().plain().supportsConcurrency(concurrency)) {
                continue;
            }
            for (Scenario scenario : List.of(Scenario.UP_EMPTY, Scenario.NEW_MIGRATION)) {
                if (bench.selection().wants(Runner.OURS, scenario) && (scenario == Scenario.NEW_MIGRATION || !prepared)) {
                    for (OursScenarios ours : bench.ours().all()) {
                        bench.results().add(new RowKey(tenants, scenario.label(), Runner.OURS, ours.variant("c" + concurrency)),
                            Measurement.notAvailable("db-up has no --concurrency yet"));
                    }
                }
            }
        }
    }
}
