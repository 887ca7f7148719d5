package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.ours.OurProject;
import dev.tenantmigrator.benchmark.ours.OursScenarios;
import dev.tenantmigrator.benchmark.peer.PeerProject;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.ResultTable;
import java.nio.file.Path;

/**
 * The from-empty runs of one size: each on a fresh database, dropped afterwards. Our tool at each
 * concurrency (the up-to-date and new-migration scenarios following on the same database), the
 * three-process race, each peer loop, and the psql scripts. Each run of ours is made once per JVM
 * variant (plain, then tuned), back to back.
 */
final class FromEmptyRuns {

    static final String ONE_SESSION = "1 session";
    static final String TWO_SESSIONS = "2 sessions";

    private final Bench bench;
    private final UpToDateScenarios upToDate;

    FromEmptyRuns(Bench bench, UpToDateScenarios upToDate) {
        this.bench = bench;
        this.upToDate = upToDate;
    }

    /**
     * Per concurrency and JVM variant, on a fresh database: db-up from empty; at the first
     * concurrency the up-to-date scenarios follow; then the new migration at the same concurrency.
     */
    void ours(int tenants) throws Exception {
        Selection selection = bench.selection();
        boolean timeUp = selection.wants(Runner.OURS, Scenario.UP_EMPTY);
        boolean timeNew = selection.wants(Runner.OURS, Scenario.NEW_MIGRATION);
        boolean readOnly = selection.wants(Runner.OURS, Scenario.UP_NOOP) || selection.wants(Runner.OURS, Scenario.ENSURE_UP)
            || selection.wants(Runner.OURS, Scenario.STATUS) || selection.wants(Runner.OURS, Scenario.HEALTH);
        int first = bench.options().concurrencies().get(0);
        for (int concurrency : bench.options().concurrencies()) {
            boolean stateScenarios = readOnly && concurrency == first;
            if (!bench.ours().plain().supportsConcurrency(concurrency) || !(timeUp || timeNew || stateScenarios)) {
                continue;
            }
            for (OursScenarios ours : bench.ours().all()) {
                ours(ours, tenants, concurrency, timeUp, timeNew, stateScenarios);
            }
        }
    }

    private void ours(OursScenarios ours, int tenants, int concurrency, boolean timeUp, boolean timeNew,
                      boolean stateScenarios) throws Exception {
        BenchDatabase database = bench.databases().create(tenants);
        try {
            OurProject project = OurProject.create(bench.folder(database, "ours"), bench.workload(), database);
            bench.beforeTiming();
            Measurement up = bench.checkMigrated(database, ours.up(project, concurrency));
            if (timeUp || up.failed()) {
                bench.record(database, Scenario.UP_EMPTY, Runner.OURS, ours.variant("c" + concurrency), up);
            }
            if (up.failed()) {
                return;
            }
            if (stateScenarios) {
                upToDate.readOnly(database, project, concurrency, ours);
            }
            if (timeNew) {
                project.addNewMigration();
                bench.beforeTiming();
                bench.record(database, Scenario.NEW_MIGRATION, Runner.OURS, ours.variant("c" + concurrency),
                    bench.checkNewMigration(database, ours.up(project, concurrency)));
            }
        } finally {
            bench.databases().drop(database);
        }
    }

    /** Three db-up processes started together on one fresh database, per concurrency and JVM variant. */
    void oursRace(int tenants) throws Exception {
        if (!bench.selection().wants(Runner.OURS, Scenario.PROCESSES)) {
            return;
        }
        for (int concurrency : bench.options().concurrencies()) {
            if (!bench.ours().plain().supportsConcurrency(concurrency)) {
                continue;
            }
            for (OursScenarios ours : bench.ours().all()) {
                BenchDatabase database = bench.databases().create(tenants);
                try {
                    OurProject project = OurProject.create(bench.folder(database, "ours-race"), bench.workload(), database);
                    bench.beforeTiming();
                    bench.record(database, Scenario.PROCESSES, Runner.OURS, ours.variant("3 processes c" + concurrency),
                        bench.checkMigrated(database, ours.threeProcesses(project, concurrency)));
                } finally {
                    bench.databases().drop(database);
                }
            }
        }
    }

    /** One peer on a fresh database: from empty, then nothing pending, then the new migration. */
    void peer(Runner runner, int tenants) throws Exception {
        boolean timeUp = bench.selection().wants(runner, Scenario.UP_EMPTY);
        boolean timeNoop = bench.selection().wants(runner, Scenario.UP_NOOP);
        boolean timeNew = bench.selection().wants(runner, Scenario.NEW_MIGRATION);
        if (!(timeUp || timeNoop || timeNew)) {
            return;
        }
        BenchDatabase database = bench.databases().create(tenants);
        try {
            PeerProject project = PeerProject.create(runner, bench.folder(database, runner.key()), bench.workload());
            bench.beforeTiming();
            Measurement up = bench.checkMigrated(database, bench.peers().fromEmpty(project, database));
            if (timeUp || up.failed()) {
                bench.record(database, Scenario.UP_EMPTY, runner, ResultTable.LOOP, up);
            }
            if (up.failed()) {
                return;
            }
            if (timeNoop) {
                bench.beforeTiming();
                bench.record(database, Scenario.UP_NOOP, runner, ResultTable.LOOP, bench.peers().pending(project, database));
            }
            if (timeNew) {
                project.addNewMigration();
                bench.beforeTiming();
                bench.record(database, Scenario.NEW_MIGRATION, runner, ResultTable.LOOP,
                    bench.checkNewMigration(database, bench.peers().pending(project, database)));
            }
        } finally {
            bench.databases().drop(database);
        }
    }

    /**
     * The psql scripts: one session from empty (then the new migration in one and two sessions),
     * two sessions from empty, and one transaction per migration, each on a fresh database.
     */
    void psql(int tenants) throws Exception {
        boolean timeUp = bench.selection().wants(Runner.PSQL, Scenario.UP_EMPTY);
        boolean timeNew = bench.selection().wants(Runner.PSQL, Scenario.NEW_MIGRATION);
        if (timeUp || timeNew) {
            BenchDatabase database = bench.databases().create(tenants);
            try {
                Path folder = bench.folder(database, "psql");
                if (timeUp) {
                    bench.beforeTiming();
                    bench.record(database, Scenario.UP_EMPTY, Runner.PSQL, ONE_SESSION,
                        bench.checkMigrated(database, bench.psql().upTransactionPerTenant(database, folder, 1)));
                } else {
                    bench.psql().buildState(database, folder);
                }
                if (timeNew) {
                    upToDate.psqlNewMigration(database, folder);
                }
            } finally {
                bench.databases().drop(database);
            }
        }
        if (timeUp) {
            BenchDatabase database = bench.databases().create(tenants);
            try {
                bench.beforeTiming();
                bench.record(database, Scenario.UP_EMPTY, Runner.PSQL, TWO_SESSIONS,
                    bench.checkMigrated(database,
                        bench.psql().upTransactionPerTenant(database, bench.folder(database, "psql"), 2)));
            } finally {
                bench.databases().drop(database);
            }
            database = bench.databases().create(tenants);
            try {
                bench.beforeTiming();
                bench.record(database, Scenario.UP_EMPTY, Runner.PSQL, "1 session, tx per migration",
                    bench.checkMigrated(database,
                        bench.psql().upTransactionPerMigration(database, bench.folder(database, "psql"))));
            } finally {
                bench.databases().drop(database);
            }
        }
    }
}
