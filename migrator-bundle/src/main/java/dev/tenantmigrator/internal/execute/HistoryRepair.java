package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.HistoryChange;
import dev.tenantmigrator.HistoryChange.Kind;
import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.RecordedFailure;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Changes histories by hand, for an operator: re-records checksums from the current files and
 * clears recorded failures ({@code db-repair}), or records a migration as applied without running it
 * ({@code db-mark-applied}). Each schema is changed under its lock, from a history re-read there, in
 * one transaction; running either again changes nothing. A stop makes a wait for a lock give up.
 */
public final class HistoryRepair {

    private final Connections connections;
    private final HistoryStore store;
    private final Policy policy;
    private final StopSignal stop;

    public HistoryRepair(Connections connections, HistoryStore store, Policy policy, StopSignal stop) {
        this.connections = connections;
        this.store = store;
        this.policy = policy;
        this.stop = stop;
    }

    /** Whether {@link #repair} would change anything in this history: the cheap test before taking a lock. */
    public static boolean needsRepair(MigrationSet set, SchemaHistory history) {
        return !history.failures().isEmpty() || !HistoryCheck.mismatches(set, history).isEmpty()
            || !HistoryCheck.unrecordedChecksums(set, history).isEmpty();
    }

    /** Repairs one schema; the lines say what changed. */
    public List<HistoryChange> repair(SchemaRef schema, MigrationSet set) {
        return underLock(schema, (tx, history) -> {
            List<HistoryChange> changes = new ArrayList<>();
            for (HistoryCheck.Mismatch mismatch : HistoryCheck.mismatches(set, history)) {
                if (mismatch.kind() == HistoryCheck.Kind.EDITED) {
                    Migration migration = set.find(mismatch.version()).orElseThrow();
                    store.recordChecksum(tx, schema, mismatch.version(), migration.checksum());
                    changes.add(change(schema, Kind.CHECKSUM_RERECORDED, migration.version(), migration.description(),
                        "re-recorded the checksum of " + migration.description() + " from its file as it is now"));
                } else {
                    store.recordChecksum(tx, schema, mismatch.version(), HistoryCheck.ACCEPTED_WITHOUT_FILE);
                    changes.add(change(schema, Kind.ACCEPTED_WITHOUT_FILE, mismatch.version(), mismatch.migration(),
                        "accepted version " + mismatch.version() + ", whose file is gone, as applied"));
                }
            }
            for (Migration migration : HistoryCheck.unrecordedChecksums(set, history)) {
                store.recordChecksum(tx, schema, migration.version(), migration.checksum());
                changes.add(change(schema, Kind.CHECKSUM_RECORDED, migration.version(), migration.description(),
                    "recorded the missing checksum of " + migration.description()));
            }
            if (!history.failures().isEmpty()) {
                store.clearFailures(tx, schema);
                for (RecordedFailure failure : history.failures()) {
                    changes.add(cleared(schema, failure));
                }
            }
            return changes;
        });
    }

    /** Records {@code migration} as applied in one existing schema, and clears a failure recorded for it. */
    public List<HistoryChange> markApplied(SchemaRef schema, Migration migration) {
        return underLock(schema, (tx, history) -> {
            List<HistoryChange> changes = new ArrayList<>();
            store.ensure(tx, history, history.summaryNeed(), policy.grantRole());
            if (!history.applied().contains(migration.version())) {
                store.recordApplied(tx, schema, migration, 0);
                changes.add(change(schema, Kind.MARKED_APPLIED, migration.version(), migration.description(),
                    "marked " + migration.description() + " as applied without running it"));
            }
            Optional<RecordedFailure> failure = history.failures().stream()
                .filter(recorded -> recorded.version() == migration.version()).findFirst();
            if (failure.isPresent() && history.failures().size() == 1) {
                store.clearFailures(tx, schema);
                changes.add(cleared(schema, failure.get()));
            }
            return changes;
        });
    }

    private static HistoryChange cleared(SchemaRef schema, RecordedFailure failure) {
        return change(schema, Kind.FAILURE_CLEARED, failure.version(), failure.migration(),
            "cleared the recorded failure of " + failure.migration());
    }

    /** A change, worded as the commands print it: the schema, then what happened. */
    private static HistoryChange change(SchemaRef schema, Kind kind, long version, String migration, String what) {
        return new HistoryChange(schema.name(), kind, version, migration, schema + ": " + what);
    }

    private interface Change {
        List<HistoryChange> apply(Handle tx, SchemaHistory history);
    }

    private List<HistoryChange> underLock(SchemaRef schema, Change change) {
        // The session that holds the lock and the one that reads beside it.
        policy.connectionRetry().awaitOwnSessions(connections, 2);
        try (CleanSession session = CleanSession.open(connections, policy);
             SchemaLock lock = SchemaLock.acquire(session.handle(), schema, policy.lockPollInterval(), policy.schemaLockWait(),
                 stop)) {
            return session.handle().inTransaction(tx -> change.apply(tx, store.readLocked(tx, schema)));
        }
    }
}
