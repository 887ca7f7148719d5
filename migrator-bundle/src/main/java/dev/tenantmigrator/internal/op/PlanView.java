package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.PlannedMigration;
import dev.tenantmigrator.SchemaPlan;
import dev.tenantmigrator.internal.Secrets;
import dev.tenantmigrator.internal.files.SqlMigration;
import dev.tenantmigrator.internal.files.SqlStatement;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.SchemaStep;
import java.util.List;
import java.util.Optional;

/** How a plan looks to a caller: the public records, made from the planner's steps. */
final class PlanView {

    private PlanView() {
    }

    static List<SchemaPlan> of(Plan plan) {
        return plan.steps().stream().map(step -> schema(step, plan.operation())).toList();
    }

    private static SchemaPlan schema(SchemaStep step, Operation operation) {
        return new SchemaPlan(step.schema().name(), step.schema().isTenant(), step.existed(), step.createsHistory(),
            step.migrations().stream().map(migration -> migration(migration, operation)).toList(),
            step.checksumsToRecord().size(), step.refusal());
    }

    /** The migration as {@code operation} (up or down) would run it: the up or the down section. */
    static PlannedMigration migration(Migration migration, Operation operation) {
        boolean up = operation == Operation.UP;
        boolean transactional = up ? migration.transactional() : migration.downTransactional();
        if (migration instanceof SqlMigration sql) {
            List<PlannedMigration.Statement> statements = (up ? sql.upStatements() : sql.downStatements()).stream()
                .map(PlanView::statement).toList();
            return new PlannedMigration(migration.version(), migration.description(), transactional, statements,
                Optional.empty());
        }
        return new PlannedMigration(migration.version(), migration.description(), transactional, List.of(),
            Optional.of(migration.getClass().getName()));
    }

    private static PlannedMigration.Statement statement(SqlStatement statement) {
        return new PlannedMigration.Statement(statement.line(), Secrets.redact(statement.sql()));
    }
}
