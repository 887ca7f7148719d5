package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.HistoryChange;
import dev.tenantmigrator.HistoryChanges;
import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.HistoryRepair;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The operator's edits of histories: repair and mark-applied, each schema changed under its lock. */
public final class HistoryEdits {

    private final OperationContext context;

    public HistoryEdits(OperationContext context) {
        this.context = context;
    }

    /** Repairs main and every known tenant, or the named tenants only. */
    public HistoryChanges repair(Collection<String> names) {
        List<SchemaRef> requested = context.targets().checked(names);
        return context.boundary().change(Operation.REPAIR, () -> {
            List<SchemaRef> schemas = new ArrayList<>();
            if (requested.isEmpty()) {
                schemas.add(context.mainSchema());
                schemas.addAll(context.targets().known());
            } else {
                schemas.addAll(context.targets().requireKnown(requested, context.targets().known()));
            }
            List<HistoryChange> changes = new ArrayList<>();
            for (SchemaHistory history : context.read(schemas)) {
                MigrationSet set = context.sets().setFor(history.schema());
                if (HistoryRepair.needsRepair(set, history)) {
                    changes.addAll(context.repairs().repair(history.schema(), set));
                }
            }
            return new HistoryChanges(Operation.REPAIR, schemas.size(), changes);
        });
    }

    /**
     * Records {@code version} as applied without running it: in the named tenants, or in main when the main
     * set has it and every known tenant when the tenant set has it.
     */
    public HistoryChanges markApplied(long version, Collection<String> names) {
        List<SchemaRef> requested = context.targets().checked(names);
        Optional<Migration> inMain = requested.isEmpty() ? context.sets().main().find(version) : Optional.empty();
        Optional<Migration> inTenants = context.sets().tenant().find(version);
        if (inMain.isEmpty() && inTenants.isEmpty()) {
            throw new MigratorException("No migration has version " + version + ": it is in neither "
                + (requested.isEmpty() ? context.sets().main().origin() + " nor " : "") + context.sets().tenant().origin() + ".");
        }
        return context.boundary().change(Operation.MARK_APPLIED, () -> {
            List<SchemaRef> schemas = new ArrayList<>();
            inMain.ifPresent(migration -> schemas.add(context.mainSchema()));
            if (inTenants.isPresent()) {
                List<SchemaRef> known = context.targets().known();
                schemas.addAll(requested.isEmpty() ? known : context.targets().requireKnown(requested, known));
            }
            List<SchemaHistory> histories = context.read(schemas);
            histories.stream().filter(history -> !history.exists()).findFirst().ifPresent(missing -> {
                throw new MigratorException("Schema " + missing.schema() + " does not exist; db-mark-applied records "
                    + "migrations in existing schemas only (db-up creates and migrates a new one).");
            });
            List<HistoryChange> changes = new ArrayList<>();
            for (SchemaHistory history : histories) {
                Migration migration = (history.schema().isTenant() ? inTenants : inMain).orElseThrow();
                changes.addAll(context.repairs().markApplied(history.schema(), migration));
            }
            return new HistoryChanges(Operation.MARK_APPLIED, schemas.size(), changes);
        });
    }
}
