package dev.tenantmigrator.internal;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Operation;
import java.time.Duration;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates or rolls back one schema on one dedicated connection, holding the schema's advisory lock
 * and re-reading its history after taking it, so concurrent runs apply each migration once. Every
 * migration runs through {@link #apply}, the one place that wraps a run.
 */
public final class SchemaRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRunner.class);

    private final Jdbi jdbi;
    private final Duration lockPollInterval;

    public SchemaRunner(Jdbi jdbi, Duration lockPollInterval) {
        this.jdbi = jdbi;
        this.lockPollInterval = lockPollInterval;
    }

    /**
     * Creates the schema and history table when missing, then applies every pending migration,
     * oldest first. The schema, its history table and the first migration commit together when
     * that migration is transactional, so a new tenant whose first migration fails is left with no
     * schema at all, as before the run.
     */
    public void up(SchemaTarget target, MigrationSet set) {
        withLock(target, Operation.UP, handle -> {
            List<Migration> rest = handle.inTransaction(tx -> {
                HistoryTable.ensure(tx, target.schema());
                List<Migration> pending = Planner.pending(set, HistoryTable.versions(tx, target.schema()));
                if (pending.isEmpty() || !pending.get(0).transactional()) {
                    return pending;
                }
                apply(tx, target, pending.get(0), Operation.UP);
                return pending.subList(1, pending.size());
            });
            for (Migration migration : rest) {
                apply(handle, target, migration, Operation.UP);
            }
        });
    }

    /** Rolls back every applied migration with a version of at least {@code to}, newest first. */
    public void down(SchemaTarget target, MigrationSet set, long to) {
        withLock(target, Operation.DOWN, handle -> {
            if (!HistoryReader.read(handle, List.of(target.schema())).get(target.schema()).hasTable()) {
                return;
            }
            NavigableSet<Long> applied = HistoryTable.versions(handle, target.schema());
            for (Migration migration : Planner.rollback(set, applied, to, target.schema())) {
                apply(handle, target, migration, Operation.DOWN);
            }
        });
    }

    private interface LockedWork {
        void run(Handle handle);
    }

    private void withLock(SchemaTarget target, Operation operation, LockedWork work) {
        try (Handle handle = jdbi.open()) {
            try (SchemaLock lock = SchemaLock.acquire(handle, target.schema(), lockPollInterval)) {
                work.run(handle);
            }
        } catch (MigrationFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MigrationFailedException(operation.name().toLowerCase() + " of schema " + target.schema()
                + " failed: " + Failures.rootMessage(e), failure(operation, target, null), e);
        }
    }

    private void apply(Handle handle, SchemaTarget target, Migration migration, Operation operation) {
        boolean transactional = operation == Operation.UP ? migration.transactional() : migration.downTransactional();
        String searchPath = SqlIdentifiers.searchPath(target.searchPath());
        long started = System.nanoTime();
        try {
            if (transactional) {
                // Joins the caller's transaction when there is one (the first migration of up).
                handle.useTransaction(tx -> {
                    tx.execute("SET LOCAL search_path TO " + searchPath);
                    runAndRecord(tx, target, migration, operation, started);
                });
            } else {
                handle.execute("SET search_path TO " + searchPath);
                try {
                    runAndRecord(handle, target, migration, operation, started);
                } finally {
                    handle.execute("RESET search_path");
                }
            }
        } catch (Exception e) {
            String outcome = transactional
                ? "nothing of it was kept"
                : "it ran outside a transaction, so the statements before the failing one stay applied and no history row was written; repair the schema by hand before running again";
            throw new MigrationFailedException(migration.description() + " failed during " + operation.name().toLowerCase()
                + " of schema " + target.schema() + " (" + outcome + "): " + Failures.rootMessage(e),
                failure(operation, target, migration), e);
        }
        LOG.info("{} {} in schema {} ({} ms)", operation == Operation.UP ? "Applied" : "Rolled back",
            migration.description(), target.schema(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void runAndRecord(Handle handle, SchemaTarget target, Migration migration, Operation operation,
                                     long started) throws Exception {
        if (operation == Operation.UP) {
            migration.up(handle);
            HistoryTable.insert(handle, target.schema(), migration,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        } else {
            migration.down(handle);
            HistoryTable.delete(handle, target.schema(), migration.version());
        }
    }

    private static MigrationFailure failure(Operation operation, SchemaTarget target, Migration migration) {
        return new MigrationFailure(operation, Optional.of(target.schema()),
            Optional.ofNullable(migration).map(Migration::description), target.tenant());
    }
}
