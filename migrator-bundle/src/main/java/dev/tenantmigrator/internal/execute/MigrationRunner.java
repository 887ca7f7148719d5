package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.TransactionGroups.Group;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.plan.InvalidIndexes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migrations in a schema and records them in its history: the one place that wraps every
 * migration run. A transactional group runs with the schema's {@code search_path} and the policy's
 * {@code lock_timeout} and {@code statement_timeout}, all local to its transaction, and is tried
 * again when it times out waiting for a lock; a migration outside a transaction gets the search path
 * and statement timeout for its session, reset after it. Each runs as a {@link StopSignal.Flight}, which a
 * stop cancels once its grace period is over.
 */
final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final Connections connections;
    private final HistoryStore store;
    private final SchemaRef mainSchema;
    private final Policy policy;
    private final LockRetry lockRetry;
    private final StopSignal stop;

    MigrationRunner(Connections connections, HistoryStore store, SchemaRef mainSchema, Policy policy, StopSignal stop) {
        this.connections = connections;
        this.store = store;
        this.mainSchema = mainSchema;
        this.policy = policy;
        this.lockRetry = new LockRetry(policy.lockRetries(), policy.lockTimeout(), stop);
        this.stop = stop;
    }

    /**
     * Runs {@code body} in one transaction, tried again as a whole when a migration in it times out
     * waiting for a lock. The body runs its migrations with {@link #applyInTransaction}.
     */
    <T> T inTransaction(Handle handle, SchemaRef schema, Function<Handle, T> body) {
        try (StopSignal.Flight flight = stop.takeOff(handle)) {
            try {
                return lockRetry.call(schema, () -> handle.inTransaction(body::apply));
            } catch (RuntimeException e) {
                throw flight.explain(e, "its transaction was rolled back");
            }
        }
    }

    /** Runs one group: a transactional group in a transaction of its own, else its one migration in autocommit. */
    void run(Handle handle, SchemaRef schema, Group group, Operation operation) {
        if (group.transactional()) {
            inTransaction(handle, schema, tx -> {
                applyInTransaction(tx, schema, group, operation);
                return null;
            });
        } else {
            applyOutsideTransaction(handle, schema, group, operation);
        }
    }

    /**
     * Runs a transactional group inside the handle's open transaction, with its history rows.
     *
     * @throws MigrationFailedException naming the schema and the migration that failed
     */
    void applyInTransaction(Handle tx, SchemaRef schema, Group group, Operation operation) {
        Migration running = group.migrations().get(0);
        try {
            Session.query(tx, "SELECT set_config('search_path', ?, true), set_config('lock_timeout', ?, true), "
                + "set_config('statement_timeout', ?, true)",
                schema.searchPath(mainSchema), millis(policy.lockTimeout()), millis(policy.statementTimeout()));
            List<HistoryStore.Applied> ran = new ArrayList<>(group.migrations().size());
            for (Migration migration : group.migrations()) {
                running = migration;
                ran.add(runOne(tx, schema, migration, operation));
            }
            // One history statement for the group: it commits with the migrations either way.
            record(tx, schema, ran, operation);
        } catch (Exception e) {
            throw failure(schema, group, operation, running, e);
        }
    }

    /**
     * Runs one migration outside a transaction. It cannot be rolled back, so it is fenced: an INVALID index
     * already in the schema refuses it (IF NOT EXISTS would take that index as present); a committed start row
     * (up only) says it is running, so a death in the middle is found by the next run; afterwards a new
     * INVALID index fails it; success replaces the start row with the history row, failure with the failure.
     */
    private void applyOutsideTransaction(Handle handle, SchemaRef schema, Group group, Operation operation) {
        Migration migration = group.migrations().get(0);
        List<String> invalidBefore = store.invalidIndexes(handle, schema);
        if (!invalidBefore.isEmpty()) {
            throw new MigrationFailedException(migration.description() + " was not run in schema " + schema + ", which has "
                + InvalidIndexes.describe(schema, invalidBefore) + "; then run db-" + operation.name().toLowerCase()
                + " again.", failureIn(schema, migration, operation), null);
        }
        boolean up = operation == Operation.UP;
        // Taken off before the start row, so none is written once the grace period is over.
        StopSignal.Flight flight = stop.takeOff(handle);
        if (up) {
            try {
                store.recordStart(handle, schema, migration, policy.grantRole());
            } catch (RuntimeException e) {
                flight.close();
                throw flight.explain(e, "it was not run");
            }
        }
        try {
            HistoryStore.Applied applied;
            try {
                applied = runInFlight(flight, handle, schema, migration, operation);
            } catch (Exception e) {
                resetSession(handle, e);
                throw e;
            }
            resetSession(handle, null);
            List<String> leftInvalid = store.invalidIndexes(handle, schema);
            if (!leftInvalid.isEmpty()) {
                throw new LeftInvalidIndexes("it ran, but left " + InvalidIndexes.describe(schema, leftInvalid));
            }
            if (up) {
                store.recordFinished(handle, schema, applied);
            } else {
                record(handle, schema, List.of(applied), operation);
            }
        } catch (Exception e) {
            String error = Failures.rootMessage(e) + (e instanceof LeftInvalidIndexes ? "" : leftBehind(schema));
            Optional<RuntimeException> notRecorded = up ? recordFailure(schema, migration, error) : Optional.empty();
            String kept = keptOutsideTransaction(up, notRecorded);
            MigrationFailedException failure = new MigrationFailedException(migration.description() + " failed during "
                + operation.name().toLowerCase() + " of schema " + schema + " (" + kept + "): " + error,
                failureIn(schema, migration, operation), e);
            notRecorded.ifPresent(failure::addSuppressed);
            throw flight.explain(failure, kept);
        }
    }

    /**
     * The migration itself, outside a transaction, with the schema's search path and statement timeout for the
     * session. Its flight lands when it ends, so a cancel never reaches the bookkeeping after it.
     */
    private HistoryStore.Applied runInFlight(StopSignal.Flight flight, Handle handle, SchemaRef schema, Migration migration,
                                             Operation operation) throws Exception {
        try (flight) {
            Session.query(handle, "SELECT set_config('search_path', ?, false), set_config('statement_timeout', ?, false)",
                schema.searchPath(mainSchema), millis(policy.statementTimeout()));
            return runOne(handle, schema, migration, operation);
        }
    }

    /** A migration outside a transaction that ended without an error but left an INVALID index. */
    private static final class LeftInvalidIndexes extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeftInvalidIndexes(String message) {
            super(message);
        }
    }

    /** After a failed statement: the INVALID indexes it left, read on a fresh connection (the failing one may be dead). */
    private String leftBehind(SchemaRef schema) {
        try {
            List<String> left = connections.withHandle(fresh -> store.invalidIndexes(fresh, schema));
            return left.isEmpty() ? "" : "; it left " + InvalidIndexes.describe(schema, left);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static MigrationFailure failureIn(SchemaRef schema, Migration migration, Operation operation) {
        return new MigrationFailure(operation, Optional.of(schema.name()), Optional.of(migration.description()),
            schema.isTenant());
    }

    /**
     * Part of the migration may be applied and nothing says so in the history: the failure replaces the start
     * row, so the next run stops instead of running its first statements again. A fresh connection, since the
     * failing one may be dead. Empty when recorded, else why not.
     */
    private Optional<RuntimeException> recordFailure(SchemaRef schema, Migration migration, String error) {
        try {
            connections.useHandle(fresh -> store.recordFailure(fresh, schema, migration, error, policy.grantRole()));
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("Could not record the failure of {} in schema {}: {}", migration.description(), schema,
                Failures.rootMessage(e));
            return Optional.of(e);
        }
    }

    /** What is left of a migration that failed outside a transaction, and what stops the next run from repeating it. */
    private static String keptOutsideTransaction(boolean up, Optional<RuntimeException> notRecorded) {
        String kept = "it ran outside a transaction, so the statements before the failing one stay applied; ";
        if (!up) {
            return kept + "check the schema before you run db-down again";
        }
        return kept + notRecorded.map(e -> "the failure could not be recorded (" + Failures.rootMessage(e) + "), but the "
                + "row recorded when it started stays, so ")
            .orElse("the failure is recorded and ") + "db-up refuses this schema until you check it and run db-repair";
    }

    /** A pooled connection goes back with the default settings; a dead one must not hide the migration's error. */
    private static void resetSession(Handle handle, Exception failure) {
        try {
            handle.execute("RESET search_path; RESET statement_timeout");
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private HistoryStore.Applied runOne(Handle handle, SchemaRef schema, Migration migration, Operation operation)
        throws Exception {
        long started = System.nanoTime();
        try (MigrationWatch watch = MigrationWatch.start(connections, handle)) {
            try {
                if (operation == Operation.UP) {
                    migration.up(handle);
                } else {
                    migration.down(handle);
                }
            } catch (Exception e) {
                throw watch.explain(e);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.debug("{} {} in schema {} ({} ms)", operation == Operation.UP ? "Applied" : "Rolled back",
            migration.description(), schema, millis);
        return new HistoryStore.Applied(migration, millis);
    }

    private void record(Handle handle, SchemaRef schema, List<HistoryStore.Applied> ran, Operation operation) {
        if (operation == Operation.UP) {
            store.recordApplied(handle, schema, ran);
        } else {
            store.recordRolledBack(handle, schema, ran.stream().map(applied -> applied.migration().version()).toList());
        }
    }

    private static MigrationFailedException failure(SchemaRef schema, Group group, Operation operation, Migration failed,
                                                    Exception e) {
        if (e instanceof MigrationFailedException already) {
            return already;
        }
        return new MigrationFailedException(failed.description() + " failed during " + operation.name().toLowerCase()
            + " of schema " + schema + " (" + whatWasKept(group) + "): " + Failures.rootMessage(e),
            new MigrationFailure(operation, Optional.of(schema.name()), Optional.of(failed.description()), schema.isTenant()), e);
    }

    /** PostgreSQL's unit for both timeouts; 0 turns a timeout off. */
    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }

    private static String whatWasKept(Group group) {
        int others = group.migrations().size() - 1;
        return others == 0 ? "nothing of it was kept"
            : "it shared one transaction with " + others + (others == 1 ? " other migration" : " other migrations")
                + " of this schema, and none of them was kept";
    }
}
