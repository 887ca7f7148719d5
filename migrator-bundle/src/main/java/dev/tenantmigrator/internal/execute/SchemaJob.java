package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.TransactionGroups.Group;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.history.SummaryNeed;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.SchemaStep;
import dev.tenantmigrator.internal.plan.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schema's step, run on one pooled connection with a clean session: take the schema's lock,
 * re-read its history, plan the schema again towards the run's target from that history (a peer may
 * have applied or rolled back migrations since the run read it), run that plan, and say what
 * happened. A schema that existed when planned and is gone under the lock is not created again.
 * Never throws for a failure inside the schema: it becomes the outcome.
 */
final class SchemaJob {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaJob.class);

    private final Connections connections;
    private final HistoryStore store;
    private final MigrationRunner runner;
    private final Policy policy;
    private final StopSignal stop;

    SchemaJob(Connections connections, HistoryStore store, MigrationRunner runner, Policy policy, StopSignal stop) {
        this.connections = connections;
        this.store = store;
        this.runner = runner;
        this.policy = policy;
        this.stop = stop;
    }

    /**
     * Runs the step in one of the database's worker slots ({@code worker} says which to try first),
     * planned again towards {@code target} from the history read under the schema's lock.
     * Without {@code waitForLock}, returns empty at once when another process holds the schema's
     * lock, so the caller can come back to it later.
     */
    Optional<JobResult> run(Target target, SchemaStep step, boolean waitForLock, int worker) {
        return run(target, step, waitForLock, worker, () -> false);
    }

    /**
     * The same; while it waits for the lock, {@code doneElsewhere} is asked between two tries, and when it says a
     * peer has brought the schema to the target the job ends {@link Result#DONE_ELSEWHERE} without taking the lock.
     */
    Optional<JobResult> run(Target target, SchemaStep step, boolean waitForLock, int worker, BooleanSupplier doneElsewhere) {
        long started = System.nanoTime();
        Work work = new Work(step);
        ConnectionRetry retry = policy.connectionRetry();
        for (int attempt = 1; ; attempt++) {
            Optional<JobResult> result = runOnce(target, work, waitForLock, worker, started, doneElsewhere);
            Optional<MigrationFailedException> failure = result.flatMap(JobResult::failure);
            if (failure.isEmpty() || !Failures.isConnectionFailure(failure.get()) || attempt >= retry.attempts()
                || stop.requested()) {
                return result;
            }
            // Planned again under the lock on the next attempt: a transactional migration that was rolled back runs
            // again; one outside a transaction left its start row, which refuses the schema instead.
            LOG.warn("Lost the connection while migrating schema {} (attempt {} of {}): {}; trying the schema again",
                step.schema(), attempt, retry.attempts(), Failures.rootMessage(failure.get()));
            retry.pause();
        }
    }

    private Optional<JobResult> runOnce(Target target, Work work, boolean waitForLock, int worker, long started,
                                        BooleanSupplier doneElsewhere) {
        Operation operation = target.operation();
        SchemaStep step = work.planned;
        // A refusal read without the lock is judged again under it: the start row of a migration outside a
        // transaction may be a peer's that is running right now, not one a death left behind.
        try (CleanSession session = CleanSession.open(connections, policy)) {
            Handle handle = session.handle();
            Optional<SchemaLock> lock = waitForLock
                ? SchemaLock.acquire(handle, step.schema(), policy.lockPollInterval(), policy.schemaLockWait(), stop, doneElsewhere)
                : SchemaLock.tryAcquire(handle, step.schema());
            if (lock.isEmpty()) {
                return waitForLock
                    ? Optional.of(JobResult.of(SchemaOutcome.doneElsewhere(step.schema().name(), step.schema().isTenant())))
                    : Optional.empty();
            }
            Result result;
            try (SchemaLock held = lock.get()) {
                // Under the lock nobody else changes the history: the schema is planned again from what is there
                // now, so what a peer did since the run's read is neither done again nor undone blindly.
                SchemaHistory now = store.readLocked(handle, step.schema());
                if (step.existed() && !now.exists()) {
                    return Optional.of(JobResult.of(outcome(work, Result.DISAPPEARED, Optional.empty(), started)));
                }
                work.replan(Planner.step(target, now));
                boolean changed = operation == Operation.UP ? up(handle, work.now, now, work.summaryNeed(), worker, work.kept)
                    : down(handle, work.now, worker, work.kept);
                // A change an earlier attempt kept counts too; a step planned only to mend the summary changed nothing.
                result = changed || !work.kept.isEmpty() ? Result.MIGRATED
                    : step.changesHistory() ? Result.MIGRATED_ELSEWHERE : Result.UP_TO_DATE;
            }
            if (result == Result.MIGRATED) {
                LOG.info("{} schema {}: {} ({} ms){}", operation == Operation.UP ? "Migrated" : "Rolled back", step.schema(),
                    work.kept.size() == 1 ? "1 migration" : work.kept.size() + " migrations", millisSince(started),
                    work.replanned().map(how -> "; " + how).orElse(""));
            }
            return Optional.of(JobResult.of(outcome(work, result, Optional.empty(), started)));
        } catch (MigrationFailedException e) {
            return Optional.of(failed(work, e, started));
        } catch (SchemaLock.WaitExpired e) {
            return Optional.of(failed(work, new MigrationFailedException(e.getMessage(), new MigrationFailure(operation,
                Optional.of(step.schema().name()), Optional.empty(), step.schema().isTenant()), e), started));
        } catch (RuntimeException e) {
            MigrationFailedException failure = new MigrationFailedException(operation.name().toLowerCase() + " of schema "
                + step.schema() + " failed: " + Failures.rootMessage(e), new MigrationFailure(operation,
                Optional.of(step.schema().name()), Optional.empty(), step.schema().isTenant()), e);
            return Optional.of(failed(work, failure, started));
        }
    }

    /** A job's step as planned, the step it planned again under the lock, and the migrations it kept. */
    private static final class Work {
        private final SchemaStep planned;
        private SchemaStep now;
        private final List<Migration> kept = new ArrayList<>();

        Work(SchemaStep planned) {
            this.planned = planned;
            this.now = planned;
        }

        void replan(SchemaStep underLock) {
            now = underLock;
        }

        /**
         * What the summary lacks: the read under the lock sees the trigger but not the summary's row, which only the
         * run's read saw.
         */
        SummaryNeed summaryNeed() {
            return now.summaryNeed().and(planned.summaryNeed());
        }

        /** How the work changed under the lock, when it did (a step with nothing left is told by its result). */
        Optional<String> replanned() {
            List<Long> before = planned.versions();
            List<Long> after = now.versions();
            if (before.equals(after) || after.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("re-planned under the lock, the history having changed since the run read it: planned "
                + versions(before) + ", ran " + versions(after));
        }

        private static String versions(List<Long> versions) {
            if (versions.isEmpty()) {
                return "nothing";
            }
            String shown = versions.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "));
            return versions.size() > 5 ? shown + " and " + (versions.size() - 5) + " more" : shown;
        }
    }

    /**
     * A start in one transaction: the schema and history table, the checksums still to record, and the
     * first group when it is transactional.
     */
    private record Start(List<Group> groups, boolean changedHistory, boolean firstGroupRan) {
    }

    /**
     * The schema, its history table and the first transactional group commit together, so a new
     * schema whose first migration fails is left as before the run: absent.
     */
    private boolean up(Handle handle, SchemaStep step, SchemaHistory now, SummaryNeed summaryNeed, int worker,
                       List<Migration> kept) {
        SchemaRef schema = step.schema();
        if (step.refusal().isPresent()) {
            throw refused(Operation.UP, schema, step.refusal().get());
        }
        List<Migration> toRun = step.migrations();
        List<Migration> checksums = step.checksumsToRecord();
        boolean historyMissing = !now.hasTable() || !now.hasOurColumns();
        if (toRun.isEmpty() && checksums.isEmpty() && !historyMissing && summaryNeed == SummaryNeed.NONE) {
            return false;
        }
        try (WorkerSlot slot = takeSlot(handle, worker)) {
            Start start = runner.inTransaction(handle, schema, tx -> {
                boolean created = store.ensure(tx, now, summaryNeed, policy.grantRole());
                checksums.forEach(migration -> store.recordChecksum(tx, schema, migration.version(), migration.checksum()));
                List<Group> groups = TransactionGroups.of(toRun, Operation.UP, policy.transactionMode());
                boolean firstRuns = !groups.isEmpty() && groups.get(0).transactional();
                if (firstRuns) {
                    runner.applyInTransaction(tx, schema, groups.get(0), Operation.UP);
                }
                return new Start(groups, created || !checksums.isEmpty(), firstRuns);
            });
            List<Group> groups = start.groups();
            if (start.firstGroupRan()) {
                kept.addAll(groups.get(0).migrations());
                groups = groups.subList(1, groups.size());
            }
            runGroups(handle, schema, groups, Operation.UP, kept);
            boolean changed = start.changedHistory() || !kept.isEmpty();
            if (changed) {
                policy.grantRole().ifPresent(role -> Grants.apply(handle, schema, role));
            }
            return changed;
        }
    }

    private WorkerSlot takeSlot(Handle handle, int worker) {
        return WorkerSlot.acquire(handle, policy.concurrency(), worker, policy.schemaLockWait(), stop);
    }

    private static MigrationFailedException refused(Operation operation, SchemaRef schema, String why) {
        return new MigrationFailedException(why, new MigrationFailure(operation, Optional.of(schema.name()), Optional.empty(),
            schema.isTenant()), null);
    }

    private boolean down(Handle handle, SchemaStep step, int worker, List<Migration> kept) {
        if (step.migrations().isEmpty()) {
            return false;
        }
        try (WorkerSlot slot = takeSlot(handle, worker)) {
            runGroups(handle, step.schema(), TransactionGroups.of(step.migrations(), Operation.DOWN, policy.transactionMode()),
                Operation.DOWN, kept);
            return !kept.isEmpty();
        }
    }

    private void runGroups(Handle handle, SchemaRef schema, List<Group> groups, Operation operation, List<Migration> kept) {
        for (Group group : groups) {
            runner.run(handle, schema, group, operation);
            kept.addAll(group.migrations());
        }
    }

    private static JobResult failed(Work work, MigrationFailedException e, long started) {
        return new JobResult(outcome(work, Result.FAILED, Optional.of(e), started), Optional.of(e));
    }

    private static SchemaOutcome outcome(Work work, Result result, Optional<MigrationFailedException> failure, long started) {
        SchemaRef schema = work.planned.schema();
        return new SchemaOutcome(schema.name(), schema.isTenant(), result,
            work.kept.stream().map(Migration::description).toList(),
            failure.flatMap(e -> e.failure().migration()),
            failure.map(Failures::rootMessage),
            millisSince(started), work.replanned());
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
