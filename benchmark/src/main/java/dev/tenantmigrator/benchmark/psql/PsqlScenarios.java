package dev.tenantmigrator.benchmark.psql;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.workload.PsqlScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The psql floor: the workload replayed by generated scripts, in one session or split over
 * several sessions at once (the first one also migrates the main schema). Also builds the
 * starting state of big runs quickly and resets the new migration between runs.
 */
public final class PsqlScenarios {

    private final Psql psql;
    private final PsqlScripts scripts;

    /** Scenarios run by {@code psql} from {@code scripts}. */
    public PsqlScenarios(Psql psql, PsqlScripts scripts) {
        this.psql = psql;
        this.scripts = scripts;
    }

    /** From empty, one transaction per tenant, split over {@code sessions} sessions. */
    public Measurement upTransactionPerTenant(BenchDatabase database, Path folder, int sessions)
        throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<List<String>> parts = split(database.tenantNames(), sessions);
        for (int i = 0; i < parts.size(); i++) {
            files.add(scripts.upTransactionPerTenant(file(folder, "up-" + sessions + "s-part" + (i + 1)), parts.get(i), i == 0));
        }
        return psql.run(database, files);
    }

    /** From empty, one transaction per migration, one session. */
    public Measurement upTransactionPerMigration(BenchDatabase database, Path folder) throws IOException, InterruptedException {
        return psql.run(database, List.of(scripts.upTransactionPerMigration(file(folder, "up-per-migration"),
            database.tenantNames(), true)));
    }

    /** The new migration on every tenant, split over {@code sessions} sessions. */
    public Measurement newMigration(BenchDatabase database, Path folder, int sessions) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<List<String>> parts = split(database.tenantNames(), sessions);
        for (int i = 0; i < parts.size(); i++) {
            files.add(scripts.applyNewMigration(file(folder, "new-" + sessions + "s-part" + (i + 1)), parts.get(i)));
        }
        return psql.run(database, files);
    }

    /** Builds the up-to-date state fast (two sessions), untimed. */
    public void buildState(BenchDatabase database, Path folder) throws IOException, InterruptedException {
        Measurement build = upTransactionPerTenant(database, folder, 2);
        if (build.failed()) {
            throw new IOException("could not build the starting state of " + database.name() + ": " + build.note());
        }
    }

    /** Rolls the new migration back everywhere (two sessions), untimed, so the next run starts where this one did. */
    public void undoNewMigration(BenchDatabase database, Path folder) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<List<String>> parts = split(database.tenantNames(), 2);
        for (int i = 0; i < parts.size(); i++) {
            files.add(scripts.undoNewMigration(file(folder, "undo-new-part" + (i + 1)), parts.get(i)));
        }
        psql.runOrFail(database, files);
    }

    private static Path file(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return folder.resolve(name + ".sql");
    }

    private static List<List<String>> split(List<String> tenants, int parts) {
        List<List<String>> split = new ArrayList<>();
        int size = tenants.size();
        for (int i = 0; i < parts; i++) {
            split.add(tenants.subList(size * i / parts, size * (i + 1) / parts));
        }
        return split;
    }
}
