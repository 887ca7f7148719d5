package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.db.Databases;
import dev.tenantmigrator.benchmark.process.ChildProcess;
import dev.tenantmigrator.benchmark.process.Jvm;
import dev.tenantmigrator.benchmark.process.JvmRun;
import dev.tenantmigrator.benchmark.process.ProcessRun;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes the tuned variant's AppCDS archive once, before any timing, on a scratch database with the
 * workload's main and tenant migrations and two tenants: an untimed {@code db-up} there, then
 * {@code java -XX:ArchiveClassesAtExit=<archive> -jar <jar> db-status <config>}, so the archive
 * holds the classes of a real database round trip. A tuned {@code db-status} then logs where its
 * classes came from, to show that the archive is used. The scratch database is dropped afterwards.
 */
public final class CdsTraining {

    private static final int TENANTS = 2;

    private final OurTool plain;
    private final OurTool tuned;
    private final Databases databases;
    private final Workload workload;

    /** Training with {@code plain} for the {@code db-up}, checked with {@code tuned}. */
    public CdsTraining(OurTool plain, OurTool tuned, Databases databases, Workload workload) {
        this.plain = plain;
        this.tuned = tuned;
        this.databases = databases;
        this.workload = workload;
    }

    /** Writes the archive to {@code archive}, with the runs' files in {@code folder}; throws when it could not. */
    public CdsArchive run(Path folder, Path archive) throws Exception {
        System.err.println("Making the tuned JVM's class archive (db-status on a " + TENANTS + "-tenant scratch database) ...");
        Files.deleteIfExists(archive);
        BenchDatabase database = databases.create(TENANTS);
        try {
            OurProject project = OurProject.create(folder, workload, database);
            String config = project.config().toString();
            JvmRun up = plain.run(folder, "training-db-up", List.of("db-up", config));
            if (!up.completed()) {
                throw new IllegalStateException("the training db-up failed: " + up.run().failure() + " (see " + folder + ")");
            }
            ProcessRun dump = ChildProcess.run(List.of(Jvm.java(), "-XX:ArchiveClassesAtExit=" + archive, "-jar",
                    plain.jar().toString(), "db-status", config), Map.of(), folder.resolve("training-db-status.out"),
                folder.resolve("training-db-status.err"), plain.timeout());
            if (!dump.succeeded() || !Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training db-status made no class archive: " + dump.failure()
                    + " (see " + folder + "; --no-tuned skips the tuned rows)");
            }
            return check(folder, config, Files.size(archive));
        } finally {
            databases.drop(database);
        }
    }

    /** A tuned db-status with a class loading log: how many classes came from which archive. */
    private CdsArchive check(Path folder, String config, long size) throws IOException, InterruptedException {
        Path classLog = folder.resolve("tuned-db-status.classes.log");
        OurTool logging = tuned.withJvm(tuned.jvm().withOptions(List.of("-Xlog:class+load=info:file=" + classLog)),
            "check-");
        JvmRun run = logging.run(folder, "db-status", List.of("db-status", config));
        if (!run.completed()) {
            throw new IllegalStateException("db-status with the tuned JVM options failed: " + run.run().failure()
                + " (see " + folder + "; --no-tuned skips the tuned rows)");
        }
        List<String> lines = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        long loaded = lines.stream().filter(l -> l.contains(" source: ")).count();
        long top = lines.stream().filter(l -> l.endsWith("source: shared objects file (top)")).count();
        long base = lines.stream().filter(l -> l.endsWith("source: shared objects file")).count();
        String warning = firstWarning(run.run().stderrText() + "\n" + run.run().stdoutText());
        if (top == 0) {
            throw new IllegalStateException("db-status with the tuned JVM options loaded no class from the archive"
                + (warning == null ? "" : " (" + warning + ")") + "; see " + classLog);
        }
        return new CdsArchive(size, loaded, top, base, warning);
    }

    private static String firstWarning(String output) {
        return output.lines().filter(l -> l.contains("[warning]")).map(String::strip).findFirst().orElse(null);
    }
}
