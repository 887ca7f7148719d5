package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.PlannedMigration;
import dev.tenantmigrator.SchemaPlan;
import java.util.List;
import java.util.Locale;

/**
 * The JSON {@code db-up --dry-run --json} and {@code db-down --dry-run --json} print: a stable shape for
 * scripts, documented in README. Like the text, it lists the schemas with work; {@code counts} has the rest.
 *
 * @param operation {@code up} or {@code down}
 * @param dryRun always true: nothing was changed
 * @param summary the summary line
 * @param counts schemas planned, schemas with work, migrations to run
 * @param tenantListError why the tenants were not planned (up, while a pending main migration creates
 *     what the tenant query reads), or null
 * @param schemas each schema with work, in the order the run would take them
 * @param everyTenant while the tenants are not planned, what every tenant schema the list will hold gets (every
 *     tenant migration, for a new one); empty otherwise
 */
record PlanJson(String operation, boolean dryRun, String summary, Counts counts, String tenantListError,
                List<Schema> schemas, List<Migration> everyTenant) {

    /** How many schemas were planned, how many have work, and how many migrations would run. */
    record Counts(int schemas, int withWork, int migrations) {
    }

    /** One schema's work; {@code refusal} is null unless the run would refuse the schema. */
    record Schema(String schema, boolean tenant, boolean exists, boolean createsHistory, int checksumsToRecord,
                  String refusal, List<Migration> migrations) {
    }

    /** One migration; a SQL file has {@code statements} and a null {@code javaClass}, a Java migration the reverse. */
    record Migration(String migration, long version, boolean transactional, String javaClass,
                     List<PlannedMigration.Statement> statements) {
    }

    static PlanJson of(MigrationPlan plan) {
        List<SchemaPlan> withWork = plan.withWork();
        return new PlanJson(plan.operation().name().toLowerCase(Locale.ROOT), true, plan.summary(),
            new Counts(plan.schemas().size(), withWork.size(), plan.migrationCount()), plan.tenantListError().orElse(null),
            withWork.stream().map(PlanJson::schema).toList(),
            plan.forEveryTenant().stream().map(PlanJson::migration).toList());
    }

    private static Schema schema(SchemaPlan schema) {
        return new Schema(schema.schema(), schema.tenant(), schema.exists(), schema.createsHistory(),
            schema.checksumsToRecord(), schema.refusal().orElse(null),
            schema.migrations().stream().map(PlanJson::migration).toList());
    }

    private static Migration migration(PlannedMigration migration) {
        return new Migration(migration.migration(), migration.version(), migration.transactional(),
            migration.javaClass().orElse(null), migration.statements());
    }
}
