package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.OperationBoundary.Run;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.Planner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Down to a version: every schema is planned before any runs, so one that cannot be rolled back fails
 * the run before any rollback statement; the tenants first, then the main schema, only when every tenant
 * was rolled back and no tenant was named.
 */
public final class DownOperation {

    private final OperationContext context;

    public DownOperation(OperationContext context) {
        this.context = context;
    }

    /** Rolls back to {@code to} in the named tenants, or in every known tenant and then main when none is named. */
    public RunReport run(long to, Optional<Collection<String>> names) {
        OperationContext.requireVersion(to);
        Optional<List<SchemaRef>> requested = names.map(context.targets()::checked);
        return context.boundary().run(Operation.DOWN, run -> execute(run, phases(to, requested)));
    }

    /** What {@link #run} would do now; read-only. */
    public MigrationPlan plan(long to, Optional<Collection<String>> names) {
        OperationContext.requireVersion(to);
        Optional<List<SchemaRef>> requested = names.map(context.targets()::checked);
        return context.boundary().read(() -> new MigrationPlan(Operation.DOWN,
            phases(to, requested).stream().flatMap(phase -> PlanView.of(phase).stream()).toList(), Optional.empty()));
    }

    /** The tenants' plan, then main's when main is rolled back too. */
    private List<Plan> phases(long to, Optional<List<SchemaRef>> requested) {
        List<SchemaRef> known = context.targets().known();
        List<SchemaRef> tenants = requested.map(named -> context.targets().requireKnown(named, known)).orElse(known);
        List<Plan> phases = new ArrayList<>();
        phases.add(Planner.down(context.sets().tenant(), context.read(tenants), to));
        if (requested.isEmpty()) {
            phases.add(Planner.down(context.sets().main(), context.read(List.of(context.mainSchema())), to));
        }
        return phases;
    }

    private void execute(Run run, List<Plan> phases) {
        boolean tenantsDone = run.execute(phases.get(0));
        if (phases.size() > 1) {
            if (tenantsDone) {
                run.execute(phases.get(1));
            } else {
                run.notAttempted(context.mainSchema());
            }
        }
    }
}
