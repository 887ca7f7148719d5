package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.process.ChildProcess;
import dev.tenantmigrator.benchmark.process.Jvm;
import dev.tenantmigrator.benchmark.process.JvmRun;
import dev.tenantmigrator.benchmark.process.ProcessRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our tool as a user runs it: {@code java -jar example-service.jar <command> ... config.yml}, one
 * child process per command, with the benchmark's heap limit and a GC log (and, for the tuned
 * variant, the tuned JVM options: see {@link #withJvm}).
 */
public final class OurTool {

    private final Path jar;
    private final Jvm jvm;
    private final Duration timeout;
    private final String fileTag;
    private final AtomicInteger runs;

    /** The tool in {@code jar}, run by {@code jvm}, each command killed after {@code timeout}. */
    public OurTool(Path jar, Jvm jvm, Duration timeout) {
        this(jar, jvm, timeout, "", new AtomicInteger());
    }

    private OurTool(Path jar, Jvm jvm, Duration timeout, String fileTag, AtomicInteger runs) {
        this.jar = jar;
        this.jvm = jvm;
        this.timeout = timeout;
        this.fileTag = fileTag;
        this.runs = runs;
    }

    /**
     * The same tool run by {@code other}; its output and GC log files are named with {@code fileTag}
     * and numbered on with this tool's, so that the two never overwrite each other's files.
     */
    public OurTool withJvm(Jvm other, String fileTag) {
        return new OurTool(jar, other, timeout, fileTag, runs);
    }

    /** The JVM the commands run in. */
    public Jvm jvm() {
        return jvm;
    }

    /** The jar. */
    public Path jar() {
        return jar;
    }

    /** The time limit of one command. */
    public Duration timeout() {
        return timeout;
    }

    /** What {@code db-up --help} says the jar supports; throws when the jar does not run. */
    public OurCapabilities capabilities(Path workDir) throws IOException, InterruptedException {
        List<String> command = List.of(Jvm.java(), "-jar", jar.toString(), "db-up", "--help");
        ProcessRun help = ChildProcess.run(command, Map.of(), workDir.resolve("db-up-help.out"),
            workDir.resolve("db-up-help.err"), Duration.ofMinutes(2));
        String text = help.stdoutText() + help.stderrText();
        if (!help.succeeded() || !text.contains("db-up")) {
            throw new IOException(jar + " does not run 'db-up --help' (" + help.failure()
                + "); if it is being rebuilt, wait and try again");
        }
        return OurCapabilities.fromHelp(text);
    }

    /** Runs one command (its arguments, the configuration file last) and waits for it. */
    public JvmRun run(Path workDir, String label, List<String> arguments) throws IOException, InterruptedException {
        return start(workDir, label, arguments).await(timeout);
    }

    /** Starts one command without waiting (the server, or several {@code db-up} at once). */
    public Started start(Path workDir, String label, List<String> arguments) throws IOException {
        String base = fileTag + label + "-" + runs.incrementAndGet();
        Path gcLog = workDir.resolve(base + ".gc.log");
        List<String> javaArguments = new ArrayList<>(List.of("-jar", jar.toString()));
        javaArguments.addAll(arguments);
        ChildProcess process = ChildProcess.start(jvm.command(gcLog, javaArguments), Map.of(),
            workDir.resolve(base + ".out"), workDir.resolve(base + ".err"));
        return new Started(process, gcLog);
    }

    /**
     * A command that is running.
     *
     * @param process the child process
     * @param gcLog its GC log
     */
    public record Started(ChildProcess process, Path gcLog) {

        /** Waits for it to exit. */
        public JvmRun await(Duration timeout) throws InterruptedException {
            return JvmRun.of(process.await(timeout), gcLog);
        }

        /** Stops it (SIGTERM, then SIGKILL after {@code grace}). */
        public JvmRun stop(Duration grace) throws InterruptedException {
            return JvmRun.of(process.stop(grace), gcLog);
        }
    }
}
