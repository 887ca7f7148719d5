package dev.tenantmigrator.benchmark.psql;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.process.ChildProcess;
import dev.tenantmigrator.benchmark.process.ProcessRun;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.Notes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs SQL scripts with {@code psql -X -q -v ON_ERROR_STOP=1 -f}, one session per script, all
 * started together; the wall time runs until the last one exits.
 */
public final class Psql {

    private final Path binary;
    private final Duration timeout;

    /** psql at {@code binary}, each session killed after {@code timeout}. */
    public Psql(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Runs the scripts at once, one session each, and measures until every session has exited. */
    public Measurement run(BenchDatabase database, List<Path> scripts) throws IOException, InterruptedException {
        List<ChildProcess> sessions = new ArrayList<>();
        long started = System.nanoTime();
        for (Path script : scripts) {
            String base = script.getFileName().toString().replace(".sql", "");
            Path folder = script.getParent();
            sessions.add(ChildProcess.start(command(database, script), Map.of("PGPASSWORD", database.password()),
                folder.resolve(base + ".out"), folder.resolve(base + ".err")));
        }
        List<ProcessRun> runs = new ArrayList<>();
        for (ChildProcess session : sessions) {
            runs.add(session.await(timeout));
        }
        double wall = (System.nanoTime() - started) / 1e6;
        String failures = runs.stream().filter(r -> !r.succeeded()).map(ProcessRun::failure)
            .collect(Collectors.joining("; "));
        return new Measurement(wall, null, null, null, null, !failures.isEmpty(), Notes.join(failures));
    }

    /** Runs the scripts like {@link #run} and throws when one fails (for untimed set-up and resets). */
    public void runOrFail(BenchDatabase database, List<Path> scripts) throws IOException, InterruptedException {
        Measurement result = run(database, scripts);
        if (result.failed()) {
            throw new IOException("psql failed on " + database.name() + ": " + result.note());
        }
    }

    private List<String> command(BenchDatabase database, Path script) {
        return List.of(binary.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", database.url().host(), "-p", String.valueOf(database.url().port()),
            "-U", database.user(), "-d", database.name(), "-f", script.toString());
    }
}
