package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.Workers;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.SchemaStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Runs a plan's steps as per-schema jobs on {@link Policy#concurrency()} workers, each job in one of
 * the database's {@link WorkerSlot}s, so that processes running together never migrate more schemas
 * at a time than the setting says. A schema whose lock another process holds is passed over and
 * taken again once every other schema is done, so processes that run together share the schemas
 * instead of queueing behind each other. Without continue-on-error, the first failure stops new
 * schemas from starting; jobs in flight finish. A {@link StopSignal} does the same, and a job it cuts short
 * is reported not attempted or interrupted rather than failed (see {@link Stopped}).
 */
public final class Executor {

    private final SchemaJob job;
    private final Policy policy;
    private final StopSignal stop;

    public Executor(Connections connections, HistoryStore store, SchemaRef mainSchema, Policy policy, StopSignal stop) {
        this.job = new SchemaJob(connections, store, new MigrationRunner(connections, store, mainSchema, policy, stop), policy, stop);
        this.policy = policy;
        this.stop = stop;
    }

    /**
     * Runs the plan; {@code onFinished} hears every job's result as it ends (from the worker that
     * ran it, one call at a time). Returns one outcome per step, in plan order.
     */
    public List<SchemaOutcome> run(Plan plan, Consumer<JobResult> onFinished) {
        List<SchemaStep> steps = plan.steps();
        AtomicReferenceArray<SchemaOutcome> outcomes = new AtomicReferenceArray<>(steps.size());
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).hasWork()) {
                queue.add(i);
            } else {
                outcomes.set(i, SchemaOutcome.upToDate(steps.get(i).schema().name(), steps.get(i).schema().isTenant()));
            }
        }
        try (Progress progress = new Progress(plan.operation(), queue.size(), policy.progressInterval())) {
            Run run = new Run(plan, queue, outcomes, result -> {
                synchronized (this) {
                    progress.record(result.outcome());
                    onFinished.accept(result);
                }
            });
            int workers = Math.min(policy.concurrency(), queue.size());
            List<Callable<Void>> each = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                int worker = i;
                each.add(() -> {
                    run.work(worker);
                    return null;
                });
            }
            Workers.runAll("migrator-worker", each, workers, "migrating");
        }
        List<SchemaOutcome> ordered = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            SchemaOutcome outcome = outcomes.get(i);
            ordered.add(outcome != null ? outcome
                : SchemaOutcome.notAttempted(steps.get(i).schema().name(), steps.get(i).schema().isTenant()));
        }
        return ordered;
    }

    /** The shared state of one run: what is left, what was passed over, what ended, and whether to stop. */
    private final class Run {
        private final Plan plan;
        private final Queue<Integer> queue;
        private final Queue<Integer> passedOver = new ConcurrentLinkedQueue<>();
        private final AtomicReferenceArray<SchemaOutcome> outcomes;
        private final Consumer<JobResult> onFinished;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Run(Plan plan, Queue<Integer> queue, AtomicReferenceArray<SchemaOutcome> outcomes, Consumer<JobResult> onFinished) {
            this.plan = plan;
            this.queue = queue;
            this.outcomes = outcomes;
            this.onFinished = onFinished;
        }

        /** One worker's loop: schemas nobody else holds first, then the passed-over ones, waiting for their locks. */
        void work(int worker) {
            Integer next;
            while (goesOn() && (next = queue.poll()) != null) {
                Optional<JobResult> result = job.run(plan.target(), plan.steps().get(next), false, worker);
                if (result.isEmpty()) {
                    passedOver.add(next);
                } else {
                    finish(next, result.get());
                }
            }
            while (goesOn() && (next = passedOver.poll()) != null) {
                finish(next, job.run(plan.target(), plan.steps().get(next), true, worker).orElseThrow());
            }
        }

        /** Whether another schema may start: neither a failure (without continue-on-error) nor a stop came. */
        private boolean goesOn() {
            return !stopped.get() && !stop.requested();
        }

        private void finish(int index, JobResult ended) {
            JobResult result = Stopped.judge(ended);
            outcomes.set(index, result.outcome());
            if (result.outcome().result() == Result.FAILED && !policy.continueOnError()) {
                stopped.set(true);
            }
            onFinished.accept(result);
        }
    }
}
