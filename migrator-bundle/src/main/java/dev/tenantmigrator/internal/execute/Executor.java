package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.Workers;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.SchemaStep;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.Planner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's steps as per-schema jobs on {@link Policy#concurrency()} workers, each job in one of
 * the database's {@link WorkerSlot}s, so that processes running together never migrate more schemas
 * at a time than the setting says. A schema whose lock another process holds is passed over and
 * taken again once every other schema is done, so processes that run together share the schemas
 * instead of queueing behind each other. Without continue-on-error, the first failure stops new
 * schemas from starting; jobs in flight finish. A {@link StopSignal} does the same, and a job it cuts short
 * is reported not attempted or interrupted rather than failed (see {@link Stopped}).
 *
 * <p>Processes started together spread out: each time a run finds a schema locked by a peer, or already done by one,
 * it goes on from a random point of what is left (a run alone keeps the plan's order; the next run of a process that
 * met a peer starts at a random point). Once a peer has been seen, the run asks the summary before each schema
 * whether a peer has brought it to the target (and reads what is left in one query every so often, see
 * {@link #PEER_CHECK_INTERVAL}), reports such a schema {@link Result#DONE_ELSEWHERE} without taking its lock, and
 * stops waiting for a passed-over schema's lock once the summary shows the peer holding it has finished.
 */
public final class Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    /**
     * How often at most a run that has seen a peer asks the summary which of the schemas it has left are done; and
     * never more often than ten times as long as the last read took, so reading stays a tenth of the run at most.
     */
    static final Duration PEER_CHECK_INTERVAL = Duration.ofMillis(50);

    private final Connections connections;
    private final SchemaJob job;
    private final Policy policy;
    private final StopSignal stop;
    private final Function<List<SchemaRef>, List<SchemaHistory>> read;
    /** Whether a run of this process met a peer: the next run (the tenants after main) then starts at a random point. */
    private final AtomicBoolean peerMet = new AtomicBoolean();

    /**
     * @param read reads the histories of schemas as a fleet read does (trusting the summary), to find what peers did
     */
    public Executor(Connections connections, HistoryStore store, SchemaRef mainSchema, Policy policy, StopSignal stop,
                    Function<List<SchemaRef>, List<SchemaHistory>> read) {
        this.connections = connections;
        this.job = new SchemaJob(connections, store, new MigrationRunner(connections, store, mainSchema, policy, stop), policy, stop);
        this.policy = policy;
        this.stop = stop;
        this.read = read;
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
        int workers = Math.min(policy.concurrency(), queue.size());
        if (workers > 0) {
            // One connection per worker and one for the reads between them, proven sessions before any job starts.
            policy.connectionRetry().awaitOwnSessions(connections, workers + 1);
        }
        try (Progress progress = new Progress(plan.operation(), queue.size(), policy.progressInterval())) {
            Run run = new Run(plan, queue, outcomes, result -> {
                synchronized (this) {
                    progress.record(result.outcome());
                    onFinished.accept(result);
                }
            });
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
        private final AtomicBoolean peerSeen = new AtomicBoolean();
        private final Set<Integer> doneElsewhere = ConcurrentHashMap.newKeySet();
        private final Set<Integer> waitingFor = ConcurrentHashMap.newKeySet();
        private long checkedAt;
        private long checkNanos;

        Run(Plan plan, Queue<Integer> queue, AtomicReferenceArray<SchemaOutcome> outcomes, Consumer<JobResult> onFinished) {
            this.plan = plan;
            this.queue = queue;
            this.outcomes = outcomes;
            this.onFinished = onFinished;
            if (peerMet.get()) {
                spreadOut();
            }
        }

        /**
         * One worker's loop: schemas nobody else holds first, then the passed-over ones, waiting for their locks; a
         * schema the summary shows a peer finished is skipped in either.
         */
        void work(int worker) {
            Integer next;
            while (goesOn() && (next = poll()) != null) {
                checkPeers(false);
                if (skip(next)) {
                    continue;
                }
                Optional<JobResult> result = job.run(plan.target(), plan.steps().get(next), false, worker);
                if (result.isEmpty()) {
                    passedOver.add(next);
                    spreadOut();
                } else {
                    finish(next, result.get());
                    if (result.get().outcome().result() == Result.MIGRATED_ELSEWHERE) {
                        // In a peer's wake: what else it did is one read away, not one visit per schema.
                        spreadOut();
                        checkPeers(true);
                    }
                }
            }
            checkPeers(true);
            while (goesOn() && (next = passedOver.poll()) != null) {
                if (skip(next)) {
                    continue;
                }
                int index = next;
                // Waiting for the lock, it gives up as soon as the summary shows the peer that holds it has finished.
                waitingFor.add(index);
                try {
                    finish(index, job.run(plan.target(), plan.steps().get(index), true, worker, () -> {
                        checkPeers(false);
                        return finishedByPeer(index);
                    }).orElseThrow());
                } finally {
                    waitingFor.remove(index);
                }
            }
        }

        /** The next schema of the queue; one at a time, so that {@link #spreadOut} never shows a worker an empty queue. */
        private synchronized Integer poll() {
            return queue.poll();
        }

        /**
         * Met a peer (it holds the schema, or has done it): go on from a random point of what is left, so that peers
         * spread over the fleet instead of following each other through it.
         */
        private synchronized void spreadOut() {
            if (peerSeen.compareAndSet(false, true)) {
                checkedAt = System.nanoTime();
                peerMet.set(true);
            }
            List<Integer> left = new ArrayList<>(queue);
            queue.clear();
            Collections.rotate(left, -ThreadLocalRandom.current().nextInt(left.size() + 1));
            queue.addAll(left);
        }

        /**
         * Once a peer has been seen, reads (at most every interval, or now when {@code now}) which of the schemas left
         * a peer has already brought to the target: one fleet read, trusting the summary.
         */
        private void checkPeers(boolean now) {
            if (!peerSeen.get()) {
                return;
            }
            List<Integer> left;
            synchronized (this) {
                if (!now && System.nanoTime() - checkedAt < Math.max(PEER_CHECK_INTERVAL.toNanos(), 10 * checkNanos)) {
                    return;
                }
                checkedAt = System.nanoTime();
                left = new ArrayList<>(queue);
                left.addAll(passedOver);
                left.addAll(waitingFor);
            }
            if (left.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            List<SchemaHistory> histories;
            try {
                histories = read.apply(left.stream().map(i -> plan.steps().get(i).schema()).toList());
            } catch (RuntimeException e) {
                // Only a shortcut: the jobs find what a peer did under each lock anyway, and say so when they cannot.
                LOG.debug("Could not read what peers did ({}); visiting the schemas instead", Failures.rootMessage(e));
                return;
            } finally {
                checkNanos = System.nanoTime() - started;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!Planner.step(plan.target(), histories.get(i)).changesHistory()) {
                    doneElsewhere.add(left.get(i));
                }
            }
        }

        /**
         * Whether a peer has brought the schema to the target: known from the last read of what is left, or, once a peer
         * has been seen, read now for this schema alone (one query, against the several of a visit).
         */
        private boolean finishedByPeer(int index) {
            if (doneElsewhere.contains(index)) {
                return true;
            }
            if (!peerSeen.get()) {
                return false;
            }
            try {
                SchemaHistory history = read.apply(List.of(plan.steps().get(index).schema())).get(0);
                if (Planner.step(plan.target(), history).changesHistory()) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.debug("Could not read what peers did ({}); visiting the schema instead", Failures.rootMessage(e));
                return false;
            }
            doneElsewhere.add(index);
            return true;
        }

        /** Records a schema a peer finished as such, without visiting it; true when it did. */
        private boolean skip(int index) {
            if (!finishedByPeer(index)) {
                return false;
            }
            SchemaStep step = plan.steps().get(index);
            finish(index, JobResult.of(SchemaOutcome.doneElsewhere(step.schema().name(), step.schema().isTenant())));
            return true;
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
