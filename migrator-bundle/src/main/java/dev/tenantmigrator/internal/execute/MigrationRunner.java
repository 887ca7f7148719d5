package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.TransactionGroups.Group;
import dev.tenantmigrator.internal.history.HistoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migrations in a schema and records them in its history: the one place that wraps every
 * migration run. A transactional group runs with the schema's {@code search_path} and the policy's
 * {@code lock_timeout} and {@code statement_timeout}, all local to its transaction, and is tried
 * again when it times out waiting for a lock; a migration outside a transaction gets the search path
 * and statement timeout for its session, reset after it.
 */
final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final Jdbi jdbi;
    private final HistoryStore store;
    private final SchemaRef mainSchema;
    private final Policy policy;
    private final LockRetry lockRetry;

    MigrationRunner(Jdbi jdbi, HistoryStore store, SchemaRef mainSchema, Policy policy) {
        this.jdbi = jdbi;
        this.store = store;
        this.mainSchema = mainSchema;
        this.policy = policy;
        this.lockRetry = new LockRetry(policy.lockRetries(), policy.lockTimeout());
    }

    /**
     * Runs {@code body} in one transaction, tried again as a whole when a migration in it times out
     * waiting for a lock. The body runs its migrations with {@link #applyInTransaction}.
     */
    <T> T inTransaction(Handle handle, SchemaRef schema, Function<Handle, T> body) {
        return lockRetry.call(schema, () -> handle.inTransaction(body::apply));
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

    private void applyOutsideTransaction(Handle handle, SchemaRef schema, Group group, Operation operation) {
        Migration migration = group.migrations().get(0);
        try {
            Session.query(handle, "SELECT set_config('search_path', ?, false), set_config('statement_timeout', ?, false)",
                schema.searchPath(mainSchema), millis(policy.statementTimeout()));
            try {
                record(handle, schema, List.of(runOne(handle, schema, migration, operation)), operation);
            } catch (Exception e) {
                resetSession(handle, e);
                throw e;
            }
            resetSession(handle, null);
        } catch (Exception e) {
            MigrationFailedException failure = failure(schema, group, operation, migration, e);
            recordFailure(schema, migration, operation, failure);
            throw failure;
        }
    }

    /**
     * Part of the migration may be applied and nothing says so in the history: record the failure
     * where Ecto never reads it as applied, so the next run stops instead of running its first
     * statements again. A fresh connection, since the failing one may be dead.
     */
    private void recordFailure(SchemaRef schema, Migration migration, Operation operation, MigrationFailedException failure) {
        if (operation != Operation.UP) {
            return;
        }
        try {
            jdbi.useHandle(fresh -> store.recordFailure(fresh, schema, migration, Failures.rootMessage(failure)));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.error("Could not record the failure of {} in schema {}: {}", migration.description(), schema,
                Failures.rootMessage(e));
        }
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

    private static HistoryStore.Applied runOne(Handle handle, SchemaRef schema, Migration migration, Operation operation)
        throws Exception {
        long started = System.nanoTime();
        if (operation == Operation.UP) {
            migration.up(handle);
        } else {
            migration.down(handle);
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
        if (!group.transactional()) {
            return "it ran outside a transaction, so the statements before the failing one stay applied; the failure is "
                + "recorded and db-up refuses this schema until you check it and run db-repair";
        }
        int others = group.migrations().size() - 1;
        return others == 0 ? "nothing of it was kept"
            : "it shared one transaction with " + others + (others == 1 ? " other migration" : " other migrations")
                + " of this schema, and none of them was kept";
    }
}
