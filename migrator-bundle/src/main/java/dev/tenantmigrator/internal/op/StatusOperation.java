package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.MigrationsNotUpException;
import dev.tenantmigrator.SchemaStatus;
import dev.tenantmigrator.StatusEntry;
import dev.tenantmigrator.StatusEntry.State;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.InvalidIndexes;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.TenantList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The reads of the fleet's state: status, ensure-up, the probe and which named tenants are unknown. No lock, no write. */
public final class StatusOperation {

    private final OperationContext context;

    public StatusOperation(OperationContext context) {
        this.context = context;
    }

    /** Main and the named tenants, or every known tenant when none is named, after waiting for the database. */
    public MigrationStatus status(Collection<String> names) {
        List<SchemaRef> requested = context.targets().checked(names);
        return context.boundary().read(() -> read(requested));
    }

    /** Main and every known tenant, read at once without waiting for an unreachable database: for probes. */
    public MigrationStatus probe() {
        return context.boundary().readNow(() -> read(List.of()));
    }

    /** Returns when nothing is pending; otherwise throws, listing every pending migration and missing schema. */
    public void ensureUp() {
        MigrationStatus status = status(List.of());
        if (!status.upToDate()) {
            throw new MigrationsNotUpException(status.pendingLines());
        }
    }

    /** Which of {@code names} the tenant source does not list; empty when the list cannot be read yet. */
    public Optional<List<String>> unknownTenants(Collection<String> names) {
        return context.boundary().read(() -> {
            TenantList list = context.targets().read();
            if (!list.readable()) {
                return Optional.empty();
            }
            Set<String> known = list.known().stream().map(SchemaRef::name).collect(Collectors.toSet());
            return Optional.of(names.stream().filter(name -> !known.contains(name)).toList());
        });
    }

    private MigrationStatus read(List<SchemaRef> requested) {
        TenantList list = context.targets().read();
        List<SchemaRef> schemas = new ArrayList<>();
        schemas.add(context.mainSchema());
        if (requested.isEmpty()) {
            schemas.addAll(list.known());
        } else {
            // An unreadable list cannot vouch for the names; they are shown as they are, beside the list's error.
            schemas.addAll(list.readable() ? context.targets().requireKnown(requested, list.known()) : requested);
        }
        List<SchemaStatus> statuses = new ArrayList<>(schemas.size());
        Map<Shape, List<StatusEntry>> shared = new HashMap<>();
        for (SchemaHistory history : context.read(schemas)) {
            MigrationSet set = context.sets().setFor(history.schema());
            // Most schemas share a history: they share its entries too, so that 100,000 tenants cost 100,000 small records.
            List<StatusEntry> entries = history.failures().isEmpty() && history.invalidIndexes().isEmpty()
                ? shared.computeIfAbsent(new Shape(set, history.checksums()), shape -> entries(history, set))
                : entries(history, set);
            statuses.add(new SchemaStatus(history.schema().name(), history.schema().isTenant(), history.exists(), entries));
        }
        return new MigrationStatus(statuses, list.failure().map(Failures::rootMessage));
    }

    /** What a schema's entries follow from when it has no failure and no INVALID index. */
    private record Shape(MigrationSet set, Map<Long, Optional<String>> checksums) {
    }

    /** The schema's entries, typed, each with its words: applied, then problems, then pending. */
    private List<StatusEntry> entries(SchemaHistory history, MigrationSet set) {
        List<StatusEntry> entries = new ArrayList<>();
        List<String> applied = Planner.describeApplied(set, history.applied());
        int i = 0;
        for (long version : history.applied()) {
            entries.add(StatusEntry.applied(version, applied.get(i++)));
        }
        history.failures().forEach(failure -> entries.add(new StatusEntry(
            failure.interrupted() ? State.INTERRUPTED : State.FAILED, Optional.of(failure.version()), failure.migration(),
            Optional.of(failure.failedAt()), (failure.interrupted() ? "INTERRUPTED: " : "FAILED: ") + failure.migration())));
        history.invalidIndexes().forEach(index -> entries.add(new StatusEntry(State.INVALID_INDEX, Optional.empty(), index,
            Optional.empty(), "INVALID INDEX: " + index + " (drop it with " + InvalidIndexes.dropStatement(history.schema(), index)
                + ")")));
        if (context.settings().validateChecksums()) {
            HistoryCheck.mismatches(set, history).forEach(mismatch -> entries.add(mismatch.kind() == HistoryCheck.Kind.EDITED
                ? new StatusEntry(State.CHANGED_SINCE_APPLIED, Optional.of(mismatch.version()), mismatch.migration(),
                    Optional.empty(), "CHANGED SINCE APPLIED: " + mismatch.migration())
                : new StatusEntry(State.FILE_MISSING, Optional.of(mismatch.version()), mismatch.migration(),
                    Optional.empty(), "FILE MISSING: version " + mismatch.version())));
        }
        Planner.pending(set, history.applied())
            .forEach(migration -> entries.add(StatusEntry.pending(migration.version(), migration.description())));
        return List.copyOf(entries);
    }
}
