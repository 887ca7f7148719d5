package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.ours.OurProject;
import dev.tenantmigrator.benchmark.ours.OursScenarios;
import dev.tenantmigrator.benchmark.peer.PeerProject;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.ResultTable;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The runs of a large size: one database brought up to date by a two-session psql replay, then
 * only the incremental scenarios, the new migration being rolled back (untimed) after each timing.
 * Each scenario of ours runs once per JVM variant (plain, then tuned).
 */
final class PreparedStateRuns {

    private final Bench bench;
    private final UpToDateScenarios upToDate;
    private PreparedState state;

    PreparedStateRuns(Bench bench, UpToDateScenarios upToDate) {
        this.bench = bench;
        this.upToDate = upToDate;
    }

    /** Times the incremental scenarios once, building the state first when this is the first run. */
    void run(int tenants) throws Exception {
        if (state == null) {
            state = prepare(tenants);
        }
        incrementalScenarios(state);
    }

    /** Drops the prepared database, if any. */
    void close() throws SQLException {
        if (state != null) {
            bench.databases().drop(state.database());
            state = null;
        }
    }

    private record PreparedState(BenchDatabase database, OurProject ours, PeerProject jdbc, Path psqlFolder) {
    }

    private PreparedState prepare(int tenants) throws Exception {
        BenchDatabase database = bench.databases().create(tenants);
        try {
            Path psqlFolder = bench.folder(database, "psql");
            System.err.printf("  building the starting state of %,d tenants with two psql sessions%n", tenants);
            bench.beforeTiming();
            Measurement build = bench.checkMigrated(database, bench.psql().upTransactionPerTenant(database, psqlFolder, 2));
            if (build.failed()) {
                throw new IllegalStateException("could not build the starting state: " + build.note());
            }
            if (bench.selection().wants(Runner.PSQL, Scenario.UP_EMPTY)) {
                bench.record(database, Scenario.UP_EMPTY, Runner.PSQL, FromEmptyRuns.TWO_SESSIONS,
                    build.withNote("built the starting state"));
            }
            return new PreparedState(database, OurProject.create(bench.folder(database, "ours"), bench.workload(), database),
                PeerProject.create(Runner.JDBC, bench.folder(database, "jdbc"), bench.workload()), psqlFolder);
        } catch (Exception e) {
            bench.databases().drop(database);
            throw e;
        }
    }

    private void incrementalScenarios(PreparedState state) throws Exception {
        BenchDatabase database = state.database();
        int first = bench.options().concurrencies().get(0);
        if (bench.ours().plain().supportsConcurrency(first)) {
            for (OursScenarios ours : bench.ours().all()) {
                upToDate.readOnly(database, state.ours(), first, ours);
            }
        }
        if (bench.selection().wants(Runner.JDBC, Scenario.UP_NOOP)) {
            bench.beforeTiming();
            bench.record(database, Scenario.UP_NOOP, Runner.JDBC, ResultTable.LOOP,
                bench.peers().pending(state.jdbc(), database));
        }
        if (bench.selection().wants(Runner.OURS, Scenario.NEW_MIGRATION)) {
            for (int concurrency : bench.options().concurrencies()) {
                if (!bench.ours().plain().supportsConcurrency(concurrency)) {
                    continue;
                }
                for (OursScenarios ours : bench.ours().all()) {
                    state.ours().addNewMigration();
                    bench.beforeTiming();
                    bench.record(database, Scenario.NEW_MIGRATION, Runner.OURS, ours.variant("c" + concurrency),
                        bench.checkNewMigration(database, ours.up(state.ours(), concurrency)));
                    state.ours().removeNewMigration();
                    bench.psql().undoNewMigration(database, state.psqlFolder());
                }
            }
        }
        if (bench.selection().wants(Runner.JDBC, Scenario.NEW_MIGRATION)) {
            state.jdbc().addNewMigration();
            bench.beforeTiming();
            bench.record(database, Scenario.NEW_MIGRATION, Runner.JDBC, ResultTable.LOOP,
                bench.checkNewMigration(database, bench.peers().pending(state.jdbc(), database)));
            state.jdbc().removeNewMigration();
            bench.psql().undoNewMigration(database, state.psqlFolder());
        }
        if (bench.selection().wants(Runner.PSQL, Scenario.NEW_MIGRATION)) {
            upToDate.psqlNewMigration(database, state.psqlFolder());
            bench.psql().undoNewMigration(database, state.psqlFolder());
        }
    }
}
