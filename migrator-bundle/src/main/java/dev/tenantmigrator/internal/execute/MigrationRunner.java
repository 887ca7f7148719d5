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
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs migrations in a schema and records them in its history: the one place that wraps every
 * migration run, with the schema's {@code search_path} set for it and reset after it.
 */
final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final HistoryStore store;
    private final SchemaRef mainSchema;

    MigrationRunner(HistoryStore store, SchemaRef mainSchema) {
        this.store = store;
        this.mainSchema = mainSchema;
    }

    /**
     * Runs one group. A transactional group runs in one transaction with its history rows (joining
     * the handle's open transaction, if any); otherwise the single migration runs in autocommit.
     *
     * @throws MigrationFailedException naming the schema and the migration that failed
     */
    void run(Handle handle, SchemaRef schema, Group group, Operation operation) {
        Migration[] running = new Migration[1];
        try {
            if (group.transactional()) {
                handle.useTransaction(tx -> {
                    tx.execute("SET LOCAL search_path TO " + schema.searchPath(mainSchema));
                    for (Migration migration : group.migrations()) {
                        running[0] = migration;
                        runAndRecord(tx, schema, migration, operation);
                    }
                });
            } else {
                running[0] = group.migrations().get(0);
                runOutsideTransaction(handle, schema, running[0], operation);
            }
        } catch (Exception e) {
            Migration failed = running[0] != null ? running[0] : group.migrations().get(0);
            throw new MigrationFailedException(failed.description() + " failed during " + operation.name().toLowerCase()
                + " of schema " + schema + " (" + whatWasKept(group) + "): " + Failures.rootMessage(e),
                new MigrationFailure(operation, Optional.of(schema.name()), Optional.of(failed.description()), schema.isTenant()), e);
        }
    }

    private void runOutsideTransaction(Handle handle, SchemaRef schema, Migration migration, Operation operation) throws Exception {
        handle.execute("SET search_path TO " + schema.searchPath(mainSchema));
        try {
            runAndRecord(handle, schema, migration, operation);
        } catch (Exception e) {
            resetSearchPath(handle, e);
            throw e;
        }
        resetSearchPath(handle, null);
    }

    /** A pooled connection goes back with the default search path; a dead one must not hide the migration's error. */
    private static void resetSearchPath(Handle handle, Exception failure) {
        try {
            handle.execute("RESET search_path");
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private void runAndRecord(Handle handle, SchemaRef schema, Migration migration, Operation operation) throws Exception {
        long started = System.nanoTime();
        if (operation == Operation.UP) {
            migration.up(handle);
            store.recordApplied(handle, schema, migration, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } else {
            migration.down(handle);
            store.recordRolledBack(handle, schema, migration.version());
        }
        LOG.debug("{} {} in schema {} ({} ms)", operation == Operation.UP ? "Applied" : "Rolled back",
            migration.description(), schema, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static String whatWasKept(Group group) {
        if (!group.transactional()) {
            return "it ran outside a transaction, so the statements before the failing one stay applied and no history "
                + "row was written; repair the schema by hand before running again";
        }
        int others = group.migrations().size() - 1;
        return others == 0 ? "nothing of it was kept"
            : "it shared one transaction with " + others + (others == 1 ? " other migration" : " other migrations")
                + " of this schema, and none of them was kept";
    }
}
