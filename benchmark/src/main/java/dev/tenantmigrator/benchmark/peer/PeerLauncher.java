package dev.tenantmigrator.benchmark.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.process.ChildProcess;
import dev.tenantmigrator.benchmark.process.Jvm;
import dev.tenantmigrator.benchmark.process.JvmRun;
import dev.tenantmigrator.benchmark.report.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a peer loop in a child JVM started like our tool (same Java, same heap limit, a GC log), so
 * that its whole-process time, work time and peak heap compare with ours.
 */
public final class PeerLauncher {

    private final Jvm jvm;
    private final Duration timeout;
    private final AtomicInteger runs = new AtomicInteger();

    /** Child JVMs from {@code jvm}, each killed after {@code timeout}. */
    public PeerLauncher(Jvm jvm, Duration timeout) {
        this.jvm = jvm;
        this.timeout = timeout;
    }

    /** Migrates from empty (Flyway and Liquibase migrate whatever is pending; the JDBC loop assumes nothing is there). */
    public Measurement fromEmpty(PeerProject project, BenchDatabase database) throws IOException, InterruptedException {
        return run(project, database, switch (project.runner()) {
            case JDBC -> "jdbc-empty";
            default -> project.runner().key();
        });
    }

    /** Migrates whatever is pending (nothing, or the new migration). */
    public Measurement pending(PeerProject project, BenchDatabase database) throws IOException, InterruptedException {
        return run(project, database, switch (project.runner()) {
            case JDBC -> "jdbc-pending";
            default -> project.runner().key();
        });
    }

    private Measurement run(PeerProject project, BenchDatabase database, String mode) throws IOException, InterruptedException {
        String base = mode + "-" + runs.incrementAndGet();
        Path work = project.folder();
        Path result = work.resolve(base + ".json");
        Path gcLog = work.resolve(base + ".gc.log");
        List<String> command = jvm.command(gcLog, List.of("-cp", System.getProperty("java.class.path"),
            PeerMain.class.getName(), mode, project.folder().toString(), result.toString()));
        Map<String, String> environment = new HashMap<>(
            new DatabaseLogin(database.url().toString(), database.user(), database.password()).asEnvironment());
        environment.put("REDGATE_DISABLE_TELEMETRY", "true");
        JvmRun run = JvmRun.of(ChildProcess.run(command, environment, work.resolve(base + ".out"),
            work.resolve(base + ".err"), timeout), gcLog);
        if (!run.run().succeeded() || !Files.exists(result)) {
            return Measurement.of(run, null, null);
        }
        PeerResult peer = new ObjectMapper().readValue(result.toFile(), PeerResult.class);
        return Measurement.of(run, peer.elapsedMillis(),
            String.format(Locale.ROOT, "heap pools' peak %.0f MB", peer.heapPoolPeakBytes() / 1048576.0));
    }
}
