package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.RunListener;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.RunStoppedException;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.Secrets;
import dev.tenantmigrator.internal.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one boundary around every public operation: it waits for the database before anything else
 * (so every operation retries the connection alike), runs the plans an operation hands it on the
 * executor, hands each failure to the exception handler exactly once (per failed schema, or once for
 * a failure outside any schema), and turns the schemas' outcomes into the run report, which says
 * whether the {@link StopSignal} stopped the run. Outcomes take one path: from the job, through the
 * executor, into this boundary's report.
 */
public final class OperationBoundary {

    private static final Logger LOG = LoggerFactory.getLogger(OperationBoundary.class);
    private static final Set<Result> UNFINISHED = EnumSet.of(Result.FAILED, Result.NOT_ATTEMPTED, Result.INTERRUPTED);

    private final Connections connections;
    private final Executor executor;
    private final ConnectionRetry retry;
    private final MigrationExceptionHandler handler;
    private final RunListener listener;
    private final StopSignal stop;

    public OperationBoundary(Connections connections, Executor executor, ConnectionRetry retry, MigrationExceptionHandler handler,
                             RunListener listener, StopSignal stop) {
        this.connections = connections;
        this.executor = executor;
        this.retry = retry;
        this.handler = handler;
        this.listener = listener;
        this.stop = stop;
    }

    /** What an up or down run hands its plans to. */
    public interface Run {
        /**
         * Runs the plan on the executor; each failure goes to the exception handler as it happens and every
         * outcome into the report. True when no schema of the run so far failed, or was left not attempted or
         * interrupted by a stop.
         */
        boolean execute(Plan plan);

        /** Records a schema the operation leaves alone because an earlier phase did not finish. */
        void notAttempted(SchemaRef schema);
    }

    /**
     * Runs an up or down operation and returns its report.
     *
     * @throws RunFailedException when a schema failed (each was handed to the handler as it happened), and its
     *     subclass {@link RunStoppedException} when the stop left work undone
     * @throws dev.tenantmigrator.MigratorException for a failure outside any schema (handed to the handler once)
     */
    public RunReport run(Operation operation, Consumer<Run> work) {
        long started = System.nanoTime();
        ReportRecorder recorder = new ReportRecorder();
        try {
            retry.awaitDatabase(connections);
            work.accept(recorder);
        } catch (RuntimeException e) {
            hand(e, MigrationFailure.general(operation), null);
            throw e;
        }
        // A stop that came after the last schema ended left nothing undone: the run finished.
        boolean stopped = stop.requested() && recorder.anyUnfinished();
        RunReport report = new RunReport(operation, recorder.outcomes, Duration.ofNanos(System.nanoTime() - started), stopped);
        tell(report);
        if (!report.succeeded()) {
            RunFailedException failed = stopped ? new RunStoppedException(report, recorder.failures)
                : new RunFailedException(report, recorder.failures);
            recorder.handlerFailures.forEach(failed::addSuppressed);
            throw failed;
        }
        return report;
    }

    private void tell(RunReport report) {
        try {
            listener.finished(report);
        } catch (RuntimeException e) {
            LOG.warn("The run listener failed: {}", Secrets.redact(e.toString()));
        }
    }

    /** Runs an operation that is not a run of migrations (a repair) after waiting for the database; a failure goes to the handler once. */
    public <T> T change(Operation operation, Supplier<T> work) {
        try {
            retry.awaitDatabase(connections);
            return work.get();
        } catch (RuntimeException e) {
            hand(e, MigrationFailure.general(operation), null);
            throw e;
        }
    }

    /** Runs a read-only operation after waiting for the database; a failure is not handed to the handler. */
    public <T> T read(Supplier<T> work) {
        retry.awaitDatabase(connections);
        return work.get();
    }

    /** Like {@link #read}, but with one connection attempt: for probes, which must answer now. */
    public <T> T readNow(Supplier<T> work) {
        ConnectionRetry.once().awaitDatabase(connections);
        return work.get();
    }

    /** A broken handler must not hide the failure it was told about: its own failure is kept and logged. */
    private void hand(Exception failure, MigrationFailure where, List<RuntimeException> handlerFailures) {
        try {
            handler.handle(failure, where);
        } catch (RuntimeException handlerFailure) {
            LOG.warn("The migration exception handler failed: {}", Secrets.redact(handlerFailure.toString()));
            if (handlerFailures != null) {
                handlerFailures.add(handlerFailure);
            } else {
                failure.addSuppressed(handlerFailure);
            }
        }
    }

    private final class ReportRecorder implements Run {
        private final List<SchemaOutcome> outcomes = new ArrayList<>();
        /** The first failures with their exceptions (the report has every failure); a fleet can fail thousands of times. */
        private final List<MigrationFailedException> failures = new ArrayList<>();
        private final List<RuntimeException> handlerFailures = new ArrayList<>();

        @Override
        public boolean execute(Plan plan) {
            // Not synchronized: the executor's workers report to finished() while it runs.
            add(executor.run(plan, this::finished));
            return !anyUnfinished();
        }

        @Override
        public synchronized void notAttempted(SchemaRef schema) {
            outcomes.add(SchemaOutcome.notAttempted(schema.name(), schema.isTenant()));
        }

        private synchronized void add(List<SchemaOutcome> more) {
            outcomes.addAll(more);
        }

        private synchronized void finished(JobResult result) {
            result.failure().ifPresent(failure -> {
                if (failures.size() < RunFailedException.KEPT_FAILURES) {
                    failures.add(failure);
                }
                hand(failure, failure.failure(), handlerFailures);
            });
        }

        synchronized boolean anyUnfinished() {
            return outcomes.stream().anyMatch(outcome -> UNFINISHED.contains(outcome.result()));
        }
    }
}
