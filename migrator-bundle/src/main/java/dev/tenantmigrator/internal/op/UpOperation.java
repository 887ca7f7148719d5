package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.SchemaPlan;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.OperationBoundary.Run;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.TenantList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Up: the main schema first, alone (a barrier: tenants may use what it creates), then the tenants. Each
 * phase is planned from one batched read and refused before anything runs when an applied file was edited
 * or deleted; the executor plans each schema again under its lock.
 */
public final class UpOperation {

    private final OperationContext context;

    public UpOperation(OperationContext context) {
        this.context = context;
    }

    /** Main, then every known tenant. */
    public RunReport all() {
        return context.boundary().run(Operation.UP, run -> {
            context.requireGrantRole();
            if (main(run)) {
                tenants(run, context.targets().known());
            }
        });
    }

    /**
     * Main, then the named tenants. Unknown names fail before main is touched, unless the tenant list can
     * only be read after the main migrations; then it is read once more, after them.
     */
    public RunReport tenants(Collection<String> names) {
        List<SchemaRef> requested = context.targets().checked(names);
        return context.boundary().run(Operation.UP, run -> {
            context.requireGrantRole();
            TenantList before = context.targets().read();
            if (before.readable()) {
                context.targets().requireKnown(requested, before.known());
            }
            if (main(run)) {
                List<SchemaRef> known = before.readable() ? before.known() : context.targets().known();
                tenants(run, context.targets().requireKnown(requested, known));
            }
        });
    }

    /** One tenant, listed or not yet (onboarding); the main schema is left alone. */
    public RunReport onboard(String name) {
        List<SchemaRef> requested = context.targets().checked(List.of(name));
        return context.boundary().run(Operation.UP, run -> {
            context.requireGrantRole();
            tenants(run, requested);
        });
    }

    /**
     * What the run would do now, for main and the named tenants (every known one when none is named).
     * While the tenant list can only be read after pending main migrations, the plan covers main and says why.
     */
    public MigrationPlan plan(Optional<Collection<String>> names) {
        Optional<List<SchemaRef>> requested = names.map(context.targets()::checked);
        return context.boundary().read(() -> {
            context.requireGrantRole();
            List<SchemaPlan> schemas = new ArrayList<>(PlanView.of(plan(context.sets().main(), List.of(context.mainSchema()))));
            TenantList list = context.targets().read();
            if (!list.readable() && !schemas.get(0).migrations().isEmpty()) {
                // up reads the list only after main is migrated; the plan cannot, so it says why the tenants are missing.
                // What every tenant gets is known from the files alone: shown once, for every schema the list will hold.
                return new MigrationPlan(Operation.UP, schemas, list.failure().map(Failures::rootMessage),
                    context.sets().tenant().all().stream().map(migration -> PlanView.migration(migration, Operation.UP)).toList());
            }
            List<SchemaRef> known = list.orThrow();
            List<SchemaRef> tenants = requested.map(named -> context.targets().requireKnown(named, known)).orElse(known);
            schemas.addAll(PlanView.of(plan(context.sets().tenant(), tenants)));
            return new MigrationPlan(Operation.UP, schemas, Optional.empty());
        });
    }

    /** True when main neither failed nor was cut short by a stop; otherwise the tenants are not even listed. */
    private boolean main(Run run) {
        return run.execute(plan(context.sets().main(), List.of(context.mainSchema())));
    }

    private void tenants(Run run, List<SchemaRef> tenants) {
        run.execute(plan(context.sets().tenant(), tenants));
    }

    private Plan plan(MigrationSet set, List<SchemaRef> schemas) {
        List<SchemaHistory> histories = context.read(schemas);
        if (context.settings().validateChecksums()) {
            List<HistoryCheck.Mismatch> mismatches = histories.stream()
                .flatMap(history -> HistoryCheck.mismatches(set, history).stream()).toList();
            if (!mismatches.isEmpty()) {
                throw new MigratorException(HistoryCheck.describe(mismatches));
            }
        }
        return Planner.up(set, histories);
    }
}
