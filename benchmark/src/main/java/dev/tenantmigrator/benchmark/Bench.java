package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.db.Databases;
import dev.tenantmigrator.benchmark.db.Settler;
import dev.tenantmigrator.benchmark.db.StateCheck;
import dev.tenantmigrator.benchmark.ours.OurVariants;
import dev.tenantmigrator.benchmark.peer.PeerLauncher;
import dev.tenantmigrator.benchmark.psql.PsqlScenarios;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.Results;
import dev.tenantmigrator.benchmark.report.RowKey;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * What every timed step needs: the runners, the databases, and the plumbing around a timing (wait
 * for the disk, checkpoint, check the state it left, record the row).
 *
 * @param options the command line
 * @param selection the runners and scenarios to run
 * @param workload the migrations
 * @param databases creates and drops the benchmark's databases
 * @param settler the pause after dropping a big database
 * @param ours our tool's scenarios, per JVM variant (plain, tuned)
 * @param peers the peer loops
 * @param psql the psql scripts
 * @param results where rows go
 * @param workDir where generated files go
 */
record Bench(Options options, Selection selection, Workload workload, Databases databases, Settler settler,
             OurVariants ours, PeerLauncher peers, PsqlScenarios psql, Results results, Path workDir) {

    /** Just before a timed step: waits out a recent big drop, then asks for a checkpoint. */
    void beforeTiming() throws InterruptedException {
        settler.await();
        databases.checkpoint();
    }

    /** Marks {@code measurement} failed unless every tenant has all ten migrations. */
    Measurement checkMigrated(BenchDatabase database, Measurement measurement) throws SQLException {
        return measurement.failedIf(StateCheck.expectAll(database, StateCheck.migratedTenants(database), "all ten migrations"));
    }

    /** Marks {@code measurement} failed unless every tenant has the new migration. */
    Measurement checkNewMigration(BenchDatabase database, Measurement measurement) throws SQLException {
        return measurement.failedIf(StateCheck.expectAll(database, StateCheck.tenantsWithNewMigration(database),
            "the new migration"));
    }

    /** Records one run of a row. */
    void record(BenchDatabase database, Scenario scenario, Runner runner, String variant, Measurement measurement) {
        results.add(new RowKey(database.tenants(), scenario.label(), runner, variant), measurement);
    }

    /** The folder for one runner's files on one database. */
    Path folder(BenchDatabase database, String name) {
        return workDir.resolve(database.name()).resolve(name);
    }
}
