package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.process.JvmRun;
import dev.tenantmigrator.benchmark.report.Measurement;
import dev.tenantmigrator.benchmark.report.Median;
import dev.tenantmigrator.benchmark.report.Notes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs our tool's commands against one {@link OurProject} and turns each run into a {@link Measurement}. */
public final class OursScenarios {

    /** How long the server may take until its admin port answers. */
    private static final Duration SERVER_START_LIMIT = Duration.ofMinutes(10);

    private final OurTool tool;
    private final OurCapabilities capabilities;
    private final int healthProbes;
    private final boolean tuned;

    /**
     * Scenarios with {@code tool}, which supports {@code capabilities}; the health check is requested
     * {@code healthProbes} times; {@code tuned} when the tool runs with {@link TunedJvm}'s options.
     */
    public OursScenarios(OurTool tool, OurCapabilities capabilities, int healthProbes, boolean tuned) {
        this.tool = tool;
        this.capabilities = capabilities;
        this.healthProbes = healthProbes;
        this.tuned = tuned;
    }

    /** The table's variant for {@code plain} (such as {@code c1} or {@code -}): unchanged, or its tuned form. */
    public String variant(String plain) {
        return tuned ? TunedJvm.variant(plain) : plain;
    }

    /** Whether {@code db-up} can run at {@code concurrency}. */
    public boolean supportsConcurrency(int concurrency) {
        return concurrency == 1 || capabilities.concurrency();
    }

    /** {@code db-up} at the given concurrency (with {@code --json} when the jar has it). */
    public Measurement up(OurProject project, int concurrency) throws IOException, InterruptedException {
        JvmRun run = tool.run(project.folder(), "db-up-c" + concurrency, upArguments(project, concurrency));
        Optional<RunReport> report = capabilities.json() ? RunReport.parse(run.run().stdoutText()) : Optional.empty();
        String note = capabilities.json() && report.isEmpty() && run.run().succeeded() ? "no JSON report on stdout" : null;
        return Measurement.of(run, report.flatMap(RunReport::elapsedMillis).orElse(null), note);
    }

    /** {@code db-up --tenant tenant}: the main schema and that one tenant; fails when it fails (set-up, not timed). */
    public void upOneTenant(OurProject project, String tenant) throws IOException, InterruptedException {
        JvmRun run = tool.run(project.folder(), "db-up-" + tenant, List.of("db-up", project.config().toString(), "--tenant", tenant));
        if (!run.run().succeeded()) {
            throw new IOException("db-up --tenant " + tenant + " failed: " + run.run().failure());
        }
    }

    /** Dropwizard's {@code check}: parses and validates the configuration, touches no database. */
    public Measurement check(OurProject project) throws IOException, InterruptedException {
        return Measurement.of(tool.run(project.folder(), "check", List.of("check", project.config().toString())), null, null);
    }

    /** {@code db-ensure-up}. */
    public Measurement ensureUp(OurProject project) throws IOException, InterruptedException {
        return Measurement.of(tool.run(project.folder(), "db-ensure-up", List.of("db-ensure-up", project.config().toString())),
            null, null);
    }

    /** {@code db-status} (the table, as a person runs it). */
    public Measurement status(OurProject project) throws IOException, InterruptedException {
        return Measurement.of(tool.run(project.folder(), "db-status", List.of("db-status", project.config().toString())),
            null, null);
    }

    /**
     * Starts {@code server} (health check uncached), waits until the admin port answers, times
     * {@code GET /healthcheck} {@code healthProbes} times and stops the server.
     *
     * @return two measurements: the first request, and the median of all of them
     */
    public List<Measurement> health(OurProject project) throws IOException, InterruptedException {
        OurTool.Started server = tool.start(project.folder(), "server", List.of("server", project.config().toString()));
        HealthProbe probe = new HealthProbe(project.adminPort());
        long started = System.nanoTime();
        boolean up;
        double startupSeconds = 0;
        HealthProbe.Probes probes = null;
        JvmRun stopped;
        try {
            up = probe.awaitAdmin(SERVER_START_LIMIT, server.process()::isAlive);
            startupSeconds = (System.nanoTime() - started) / 1e9;
            if (up) {
                probes = probe.probe(healthProbes);
            }
        } finally {
            stopped = server.stop(Duration.ofSeconds(30));
        }
        if (!up) {
            Measurement failed = Measurement.notAvailable("server did not answer on the admin port: " + stopped.run().failure());
            return List.of(failed, failed);
        }
        String startup = String.format(java.util.Locale.ROOT, "admin port answered %.1f s after start", startupSeconds);
        // The server was stopped on purpose: only running out of heap counts against it.
        Measurement first = new Measurement(probes.millis().get(0), null, Measurement.boxed(stopped.peakHeapBytes()),
            Measurement.boxed(stopped.peakAfterGcBytes()), !stopped.outOfMemory(), stopped.outOfMemory(),
            Notes.join(probes.problem(), startup));
        return List.of(first, first.withWall(Median.of(probes.millis()).orElseThrow(),
            Notes.join(probes.problem(), "median of " + probes.millis().size() + " requests")));
    }

    /**
     * Three {@code db-up} processes started at the same moment on the same database; the wall
     * time runs until the last one exits, the work time is the longest {@code elapsedMillis}.
     */
    public Measurement threeProcesses(OurProject project, int concurrency) throws IOException, InterruptedException {
        int processes = 3;
        CountDownLatch ready = new CountDownLatch(processes);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService starters = Executors.newFixedThreadPool(processes);
        List<Future<OurTool.Started>> starting = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                starting.add(starters.submit(() -> {
                    ready.countDown();
                    go.await();
                    return tool.start(project.folder(), "db-up-race", upArguments(project, concurrency));
                }));
            }
            ready.await();
            long began = System.nanoTime();
            go.countDown();
            List<JvmRun> runs = new ArrayList<>();
            for (Future<OurTool.Started> future : starting) {
                runs.add(future.get().await(tool.timeout()));
            }
            double wall = (System.nanoTime() - began) / 1e6;
            return summarize(wall, runs);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("could not start db-up: " + e.getCause().getMessage(), e.getCause());
        } finally {
            starters.shutdownNow();
        }
    }

    private Measurement summarize(double wall, List<JvmRun> runs) {
        List<Optional<RunReport>> reports = runs.stream()
            .map(r -> capabilities.json() ? RunReport.parse(r.run().stdoutText()) : Optional.<RunReport>empty()).toList();
        String exits = runs.stream().map(r -> String.valueOf(r.run().exitCode())).collect(Collectors.joining("/"));
        String migrated = counts(reports, RunReport::schemasMigrated);
        String elsewhere = counts(reports, RunReport::schemasMigratedElsewhere);
        Double work = reports.stream().map(r -> r.flatMap(RunReport::elapsedMillis)).flatMap(Optional::stream)
            .max(Double::compare).orElse(null);
        String failures = runs.stream().filter(r -> !r.run().succeeded()).map(r -> r.run().failure()).distinct()
            .collect(Collectors.joining("; "));
        Long heap = runs.stream().map(JvmRun::peakHeapBytes).filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
            .max(Long::compare).orElse(null);
        Long afterGc = runs.stream().map(JvmRun::peakAfterGcBytes).filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
            .max(Long::compare).orElse(null);
        boolean completed = runs.stream().allMatch(JvmRun::completed);
        String note = "exit statuses " + exits + (capabilities.json() ? "; schemas migrated " + migrated
            + ", found migrated by another process " + elsewhere + "; work = the longest elapsedMillis" : "");
        return new Measurement(wall, work, heap, afterGc, completed, !completed, Notes.join(failures, note));
    }

    private static String counts(List<Optional<RunReport>> reports, Function<RunReport, OptionalLong> count) {
        return reports.stream().map(r -> r.map(count).orElse(OptionalLong.empty()))
            .map(m -> m.isPresent() ? String.valueOf(m.getAsLong()) : "?").collect(Collectors.joining("/"));
    }

    private List<String> upArguments(OurProject project, int concurrency) {
        List<String> arguments = new ArrayList<>(List.of("db-up"));
        if (capabilities.json()) {
            arguments.add("--json");
        }
        if (capabilities.concurrency()) {
            arguments.add("--concurrency");
            arguments.add(String.valueOf(concurrency));
        } else if (concurrency != 1) {
            throw new IllegalStateException("this db-up has no --concurrency option");
        }
        arguments.add(project.config().toString());
        return arguments;
    }
}
