package dev.tenantmigrator.benchmark.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A started child process whose output goes to two files, timed from just before its start. */
public final class ChildProcess {

    /** Every child still running, so that an interrupted benchmark can end them. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final Process process;
    private final long startedNanos;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(Process process, long startedNanos, Path stdout, Path stderr) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} with {@code extraEnvironment} added to this process's environment. */
    public static ChildProcess start(List<String> command, Map<String, String> extraEnvironment, Path stdout, Path stderr)
        throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
        builder.environment().putAll(extraEnvironment);
        long started = System.nanoTime();
        Process process = builder.start();
        RUNNING.add(process);
        return new ChildProcess(process, started, stdout, stderr);
    }

    /** Kills every child this benchmark started that is still running (for a shutdown hook). */
    public static void killAll() {
        for (Process process : RUNNING) {
            process.destroyForcibly();
        }
    }

    /** Starts {@code command} and waits for it. */
    public static ProcessRun run(List<String> command, Map<String, String> extraEnvironment, Path stdout, Path stderr,
                                 Duration timeout) throws IOException, InterruptedException {
        return start(command, extraEnvironment, stdout, stderr).await(timeout);
    }

    /** Waits for the process to exit; kills it after {@code timeout}. */
    public ProcessRun await(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long ended = System.nanoTime();
        if (!exited) {
            process.destroyForcibly().waitFor();
            RUNNING.remove(process);
            return new ProcessRun(-1, ended - startedNanos, stdout, stderr, true);
        }
        RUNNING.remove(process);
        return new ProcessRun(process.exitValue(), ended - startedNanos, stdout, stderr, false);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the process to stop (SIGTERM), and kills it when it has not stopped after {@code grace}. */
    public ProcessRun stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        RUNNING.remove(process);
        return new ProcessRun(process.exitValue(), System.nanoTime() - startedNanos, stdout, stderr, false);
    }
}
