package dev.tenantmigrator.benchmark;

import dev.tenantmigrator.benchmark.db.Databases;
import dev.tenantmigrator.benchmark.db.PostgresServer;
import dev.tenantmigrator.benchmark.db.Settler;
import dev.tenantmigrator.benchmark.ours.OurCapabilities;
import dev.tenantmigrator.benchmark.ours.OurTool;
import dev.tenantmigrator.benchmark.ours.OurVariants;
import dev.tenantmigrator.benchmark.peer.PeerLauncher;
import dev.tenantmigrator.benchmark.process.ChildProcess;
import dev.tenantmigrator.benchmark.process.Jvm;
import dev.tenantmigrator.benchmark.psql.Psql;
import dev.tenantmigrator.benchmark.psql.PsqlScenarios;
import dev.tenantmigrator.benchmark.report.ArtifactVersion;
import dev.tenantmigrator.benchmark.report.MachineInfo;
import dev.tenantmigrator.benchmark.report.ResultTable;
import dev.tenantmigrator.benchmark.report.Results;
import dev.tenantmigrator.benchmark.workload.PsqlScripts;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark's entry point: {@code java -jar benchmark/target/benchmark.jar [options]} (see
 * {@link Options#USAGE}). Prints the machine and server first, progress on stderr while it runs,
 * and one Markdown table of results on stdout at the end.
 */
public final class Main {

    private Main() {
    }

    /** Runs the benchmark; exits 2 for a bad command line and 1 when it could not run. */
    public static void main(String[] args) {
        if (Options.wantsHelp(args)) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        Selection selection;
        try {
            options = Options.parse(args);
            selection = Selection.of(options.only());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, selection, System.out);
        } catch (Exception e) {
            System.err.println("The benchmark could not run: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static Psql psqlBinary(Options options) {
        return new Psql(options.psql(), options.timeout());
    }

    private static void run(Options options, Selection selection, PrintStream out) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar() + " does not exist; build it with "
                + "'mvn -B -Pbenchmark -DskipTests package' at the repository root, or pass --jar");
        }
        boolean needsPsql = selection.wants(Runner.PSQL) || !options.readSizes().isEmpty() || options.sizes().stream()
            .anyMatch(size -> SizeBenchmark.onPreparedState(options, size));
        if (needsPsql && !Files.isExecutable(options.psql())) {
            throw new IllegalStateException("psql was not found at " + options.psql() + "; pass --psql");
        }
        Workload workload = Workload.load();
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
            : Files.createTempDirectory("tenant-migrator-benchmark");
        Jvm jvm = new Jvm(options.maxHeap());
        // Run a copy, so that a rebuild of the jar during the benchmark cannot change or break it midway.
        Path jar = Files.copy(options.jar(), workDir.resolve("example-service.jar"), StandardCopyOption.REPLACE_EXISTING);
        OurTool tool = new OurTool(jar, jvm, options.timeout());
        OurCapabilities capabilities = tool.capabilities(workDir);
        Results results = new Results();
        boolean tuned;
        System.err.println("Starting the PostgreSQL server (DATABASE_URL or embedded) ...");
        try (PostgresServer server = PostgresServer.fromEnvironment()) {
            Settler settler = new Settler(options.settle(), options.settleMinTenants());
            Databases databases = new Databases(server, settler);
            Thread cleanup = new Thread(() -> {
                ChildProcess.killAll();
                databases.dropAll();
            });
            Runtime.getRuntime().addShutdownHook(cleanup);
            PeerLauncher peers = new PeerLauncher(jvm, options.timeout());
            PsqlScenarios psql = new PsqlScenarios(new Psql(options.psql(), options.timeout()), new PsqlScripts(workload));
            try {
                OurVariants ours = ourVariants(options, selection, tool, capabilities, databases, workload, workDir);
                tuned = ours.all().size() > 1;
                printHeader(out, options, server, capabilities, ours, workload, workDir);
                for (int size : options.sizes()) {
                    new SizeBenchmark(new Bench(options, selection, workload, databases, settler, ours, peers, psql, results,
                        workDir)).run(size);
                }
                for (int size : options.readSizes()) {
                    new ReadStateRuns(new Bench(options, selection, workload, databases, settler, ours, peers, psql, results,
                        workDir), psqlBinary(options)).run(size);
                }
            } finally {
                databases.dropAll();
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        } finally {
            if (!options.keepFiles()) {
                deleteRecursively(workDir);
            }
        }
        out.println();
        ResultTable.print(results.rows(Scenario.tableOrder()), out);
        out.println();
        printLegend(out, options, tuned);
    }

    /** Our JVM variants: the plain one, and the tuned one (its class archive made here, before any timing) unless off. */
    private static OurVariants ourVariants(Options options, Selection selection, OurTool tool, OurCapabilities capabilities,
                                           Databases databases, Workload workload, Path workDir) throws Exception {
        if (!options.tuned()) {
            return OurVariants.plainOnly(tool, capabilities, options.healthRequests(), "--no-tuned");
        }
        if (!selection.wants(Runner.OURS)) {
            return OurVariants.plainOnly(tool, capabilities, options.healthRequests(), "no scenario of ours runs");
        }
        return OurVariants.withTuned(tool, capabilities, options.healthRequests(), databases, workload, workDir);
    }

    private static void printHeader(PrintStream out, Options options, PostgresServer server, OurCapabilities capabilities,
                                    OurVariants ours, Workload workload, Path workDir) throws Exception {
        out.println("Machine:    " + MachineInfo.machine());
        out.println("Java:       " + MachineInfo.java());
        out.println("PostgreSQL: " + server.describe());
        out.println("Our tool:   " + options.jar() + " of " + Files.getLastModifiedTime(options.jar()).toInstant()
            .truncatedTo(ChronoUnit.SECONDS) + ", copied at start (" + capabilities.describe() + ")");
        out.println("Tuned JVM:  " + ours.describeTuned());
        out.println("Peers:      Flyway " + ArtifactVersion.of("org.flywaydb", "flyway-core") + ", Liquibase "
            + liquibase.util.LiquibaseUtil.getBuildVersion() + ", plain JDBC (pgjdbc "
            + org.postgresql.util.DriverInfo.DRIVER_VERSION + "), " + options.psql());
        out.println("Workload:   " + workload.main().size() + " main migration, " + workload.tenant().size()
            + " tenant migrations, +1 for the new-migration scenario: " + workload.tenant().stream()
            .map(m -> m.name()).collect(Collectors.joining(", ")) + "; new: " + workload.newTenantMigration().name());
        out.println("Runs:       sizes " + options.sizes() + ", " + options.runs() + " run(s) per scenario (median shown), "
            + "db-up concurrency " + options.concurrencies() + ", child JVMs -Xmx" + options.maxHeap()
            + (options.keepFiles() ? ", files kept in " + workDir : ""));
        out.flush();
    }

    private static void printLegend(PrintStream out, Options options, boolean tuned) {
        out.println("whole command: from starting the process until it exited (JVM start included); for psql and the "
            + "3-process race, until the last session or process exited.");
        out.println("work: ours = elapsedMillis of db-up --json; peers = their loop timed inside their JVM (tenant list "
            + "read included). ratios: ours' whole command / the peer's, then (work ours/peer) when both are known.");
        out.println("peak heap: the largest heap occupancy before a GC (or at exit) in the JVM's GC log, every JVM run "
            + "with -Xmx" + options.maxHeap() + "; 'ok' = it exited normally within that limit.");
        if (tuned) {
            out.println("tuned: the same command of ours run with the tuned JVM options above (every process of it); its "
                + "ratios compare it with the same peer rows as the plain row. Its peak heap is the Serial collector's, whose "
                + "young generation is a third of the initial heap: it collects later, so its peak before a GC is higher.");
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + folder + ": " + e.getMessage());
        }
    }
}
