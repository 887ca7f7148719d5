package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.ours.OurProject;
import dev.tenantmigrator.benchmark.ours.OursScenarios;
import dev.tenantmigrator.benchmark.psql.Psql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The read scenarios at sizes too large to migrate for real ({@code --read-sizes}): one tenant is migrated by
 * {@code db-up} (which also sets up the summary of the histories), then psql gives every other tenant the same
 * history table, trigger and rows, and no tenant tables: a fleet that every read sees as up to date, built in
 * minutes. Timed against two floors: Dropwizard's own {@code check} of the same jar (the start every command pays)
 * and psql reading every row of the summary in one {@code SELECT}.
 */
final class ReadStateRuns {

    /** Tenants per transaction of the build: each takes a few locks, and one transaction holds them all until it ends. */
    private static final int PER_TRANSACTION = 25;
    /**
     * Tenants per psql session: a session that creates thousands of tables keeps every one in its caches, and each
     * further DDL statement gets slower (ten thousand in one session ran at a fifth of the speed of the first few).
     */
    private static final int PER_SESSION = 500;

    private final Bench bench;
    private final Psql psql;

    ReadStateRuns(Bench bench, Psql psql) {
        this.bench = bench;
        this.psql = psql;
    }

    /** Builds the state of {@code tenants} tenants, times the read scenarios {@code --runs} times, drops it. */
    void run(int tenants) throws Exception {
        BenchDatabase database = bench.databases().create(tenants);
        try {
            OurProject project = OurProject.create(bench.folder(database, "ours"), bench.workload(), database);
            Path psqlFolder = Files.createDirectories(bench.folder(database, "psql"));
            System.err.printf("  building a read state of %,d tenants (histories only) with psql%n", tenants);
            bench.ours().plain().upOneTenant(project, BenchDatabase.tenantName(1));
            List<Path> scripts = buildScripts(psqlFolder, tenants);
            // Two sessions at a time, each a script of its own.
            for (int i = 0; i < scripts.size(); i += 2) {
                psql.runOrFail(database, scripts.subList(i, Math.min(scripts.size(), i + 2)));
            }
            long summarized = database.queryLong("SELECT count(*) FROM public.schema_migrations_summary s "
                + "JOIN public.schema_migrations_summary t ON t.schema_name = '" + BenchDatabase.tenantName(1) + "' "
                + "AND s.digest = t.digest");
            if (summarized != tenants) {
                throw new IllegalStateException("the read state has " + summarized + " summarized tenants, not " + tenants);
            }
            Path summaryRead = Files.writeString(psqlFolder.resolve("summary-read.sql"),
                "SELECT * FROM public.schema_migrations_summary;\n");
            UpToDateScenarios upToDate = new UpToDateScenarios(bench);
            for (int run = 1; run <= bench.options().runs(); run++) {
                System.err.printf("[%,d tenants, read state: run %d of %d]%n", tenants, run, bench.options().runs());
                for (OursScenarios ours : bench.ours().all()) {
                    if (bench.selection().wants(Runner.OURS, Scenario.CHECK)) {
                        bench.beforeTiming();
                        bench.record(database, Scenario.CHECK, Runner.OURS, ours.variant("-"), ours.check(project));
                    }
                    upToDate.readOnly(database, project, 1, ours);
                }
                if (bench.selection().wants(Runner.PSQL, Scenario.SUMMARY_READ)) {
                    bench.beforeTiming();
                    bench.record(database, Scenario.SUMMARY_READ, Runner.PSQL, "1 session", psql.run(database, List.of(summaryRead)));
                }
            }
        } finally {
            bench.databases().drop(database);
        }
    }

    /**
     * Every tenant but the first gets the first one's history table, trigger and rows: one script per
     * {@value #PER_SESSION} tenants, {@value #PER_TRANSACTION} per transaction.
     */
    private static List<Path> buildScripts(Path folder, int tenants) throws java.io.IOException {
        List<Path> scripts = new java.util.ArrayList<>();
        for (int first = 2; first <= tenants; first += PER_SESSION) {
            scripts.add(Files.writeString(folder.resolve("build-read-state-" + first + ".sql"),
                buildScript(first, Math.min(tenants, first + PER_SESSION - 1))));
        }
        return scripts;
    }

    private static String buildScript(int first, int last) {
        String template = BenchDatabase.tenantName(1);
        StringBuilder script = new StringBuilder();
        for (int from = first; from <= last; from += PER_TRANSACTION) {
            int to = Math.min(last, from + PER_TRANSACTION - 1);
            script.append("DO $build$ DECLARE s text; BEGIN\n")
                .append("FOR i IN ").append(from).append("..").append(to).append(" LOOP\n")
                .append("  s := 't_' || lpad(i::text, greatest(5, length(i::text)), '0');\n")
                .append("  EXECUTE format('CREATE SCHEMA %I', s);\n")
                .append("  EXECUTE format('CREATE TABLE %I.schema_migrations (LIKE ").append(template)
                .append(".schema_migrations INCLUDING ALL)', s);\n")
                .append("  EXECUTE format('CREATE TRIGGER schema_migrations_summary AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ")
                .append("%I.schema_migrations FOR EACH STATEMENT EXECUTE FUNCTION public.schema_migrations_summarize()', s);\n")
                .append("  EXECUTE format('ALTER TABLE %I.schema_migrations ENABLE ALWAYS TRIGGER schema_migrations_summary', s);\n")
                .append("  EXECUTE format('INSERT INTO %I.schema_migrations SELECT * FROM ").append(template)
                .append(".schema_migrations', s);\n")
                .append("END LOOP; END $build$;\n");
        }
        return script.toString();
    }
}
