package dev.tenantmigrator.internal.execute;

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
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.SchemaStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schema's step, run on one pooled connection: take the schema's lock, re-read its history,
 * re-check the step against it (a peer may have done some or all of it), run what is left, and
 * say what happened. Never throws for a failure inside the schema: it becomes the outcome.
 */
final class SchemaJob {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaJob.class);

    private final Jdbi jdbi;
    private final HistoryStore store;
    private final MigrationRunner runner;
    private final Policy policy;

    SchemaJob(Jdbi jdbi, HistoryStore store, MigrationRunner runner, Policy policy) {
        this.jdbi = jdbi;
        this.store = store;
        this.runner = runner;
        this.policy = policy;
    }

    /**
     * Runs the step in one of the database's worker slots ({@code worker} says which to try first).
     * Without {@code waitForLock}, returns empty at once when another process holds the schema's
     * lock, so the caller can come back to it later.
     */
    Optional<JobResult> run(Operation operation, SchemaStep step, boolean waitForLock, int worker) {
        long started = System.nanoTime();
        List<Migration> kept = new ArrayList<>();
        if (step.refusal().isPresent()) {
            return Optional.of(failed(step, kept, refused(operation, step.schema(), step.refusal().get()), started));
        }
        try (CleanSession session = CleanSession.open(jdbi)) {
            Handle handle = session.handle();
            Optional<SchemaLock> lock = waitForLock
                ? Optional.of(SchemaLock.acquire(handle, step.schema(), policy.lockPollInterval(), policy.schemaLockWait()))
                : SchemaLock.tryAcquire(handle, step.schema());
            if (lock.isEmpty()) {
                return Optional.empty();
            }
            boolean changed;
            try (SchemaLock held = lock.get()) {
                // Under the lock nobody else changes the history: what a peer already did is not done again,
                // and a schema with nothing left takes no worker slot.
                SchemaHistory now = store.readLocked(handle, step.schema());
                changed = operation == Operation.UP ? up(handle, step, now, worker, kept) : down(handle, step, now, worker, kept);
            }
            if (changed) {
                LOG.info("{} schema {}: {} ({} ms)", operation == Operation.UP ? "Migrated" : "Rolled back", step.schema(),
                    kept.size() == 1 ? "1 migration" : kept.size() + " migrations", millisSince(started));
            }
            return Optional.of(JobResult.of(outcome(step, changed ? Result.MIGRATED : Result.MIGRATED_ELSEWHERE, kept,
                Optional.empty(), started)));
        } catch (MigrationFailedException e) {
            return Optional.of(failed(step, kept, e, started));
        } catch (SchemaLock.WaitExpired e) {
            return Optional.of(failed(step, kept, new MigrationFailedException(e.getMessage(), new MigrationFailure(operation,
                Optional.of(step.schema().name()), Optional.empty(), step.schema().isTenant()), e), started));
        } catch (RuntimeException e) {
            MigrationFailedException failure = new MigrationFailedException(operation.name().toLowerCase() + " of schema "
                + step.schema() + " failed: " + Failures.rootMessage(e), new MigrationFailure(operation,
                Optional.of(step.schema().name()), Optional.empty(), step.schema().isTenant()), e);
            return Optional.of(failed(step, kept, failure, started));
        }
    }

    /**
     * A start in one transaction: the schema and history table, the re-read, the checksums still to
     * record, and the first group when it is transactional.
     */
    private record Start(List<Group> groups, boolean changedHistory, boolean firstGroupRan) {
    }

    /**
     * The schema, its history table and the first transactional group commit together, so a new
     * schema whose first migration fails is left as before the run: absent.
     */
    private boolean up(Handle handle, SchemaStep step, SchemaHistory now, int worker, List<Migration> kept) {
        SchemaRef schema = step.schema();
        if (!now.failures().isEmpty()) {
            throw refused(Operation.UP, schema, HistoryCheck.describe(schema, now.failures().get(0)));
        }
        List<Migration> toRun = Planner.stillToRun(Operation.UP, step, now.applied());
        List<Migration> checksums = step.checksumsToRecord().stream()
            .filter(migration -> now.checksums().getOrDefault(migration.version(), Optional.of("")).isEmpty()).toList();
        boolean historyMissing = !now.hasTable() || !now.hasOurColumns();
        if (toRun.isEmpty() && checksums.isEmpty() && !historyMissing) {
            return false;
        }
        try (WorkerSlot slot = takeSlot(handle, worker)) {
            Start start = runner.inTransaction(handle, schema, tx -> {
                boolean created = store.ensure(tx, now);
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
        return WorkerSlot.acquire(handle, policy.concurrency(), worker, policy.schemaLockWait());
    }

    private static MigrationFailedException refused(Operation operation, SchemaRef schema, String why) {
        return new MigrationFailedException(why, new MigrationFailure(operation, Optional.of(schema.name()), Optional.empty(),
            schema.isTenant()), null);
    }

    private boolean down(Handle handle, SchemaStep step, SchemaHistory now, int worker, List<Migration> kept) {
        List<Migration> toRun = now.hasTable() ? Planner.stillToRun(Operation.DOWN, step, now.applied()) : List.of();
        if (toRun.isEmpty()) {
            return false;
        }
        try (WorkerSlot slot = takeSlot(handle, worker)) {
            runGroups(handle, step.schema(), TransactionGroups.of(toRun, Operation.DOWN, policy.transactionMode()),
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

    private static JobResult failed(SchemaStep step, List<Migration> kept, MigrationFailedException e, long started) {
        return new JobResult(outcome(step, Result.FAILED, kept, Optional.of(e), started), Optional.of(e));
    }

    private static SchemaOutcome outcome(SchemaStep step, Result result, List<Migration> kept,
                                         Optional<MigrationFailedException> failure, long started) {
        return new SchemaOutcome(step.schema().name(), step.schema().isTenant(), result,
            kept.stream().map(Migration::description).toList(),
            failure.flatMap(e -> e.failure().migration()),
            failure.map(Failures::rootMessage),
            millisSince(started));
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
