package dev.tenantmigrator;

import java.util.List;
import java.util.Optional;

/**
 * What an up or down run would do now, schema by schema, made by {@link Migrator#planUp} or
 * {@link Migrator#planDown} from the same batched, read-only history read the run starts with.
 * Making it changes nothing and takes no lock, so another process may change the database before a
 * run; the run plans again.
 *
 * @param operation up or down
 * @param schemas every schema planned, in the order the run would take them (up: the main schema,
 *     then the tenants; down: the tenants, then the main schema when it is rolled back too),
 *     including those with nothing to do
 * @param tenantListError for up: why the tenant list cannot be read yet, when a pending main
 *     migration creates what the tenant query reads; the tenant schemas are then not planned (the
 *     run reads the list after applying the main migrations). Empty when the tenants were planned.
 * @param forEveryTenant while the tenants are not planned: what every tenant schema the list will hold gets,
 *     which is every tenant migration for a new schema (an existing one gets those it lacks). Empty when the
 *     tenants were planned.
 */
public record MigrationPlan(Operation operation, List<SchemaPlan> schemas, Optional<String> tenantListError,
                            List<PlannedMigration> forEveryTenant) {

    public MigrationPlan {
        schemas = List.copyOf(schemas);
        forEveryTenant = List.copyOf(forEveryTenant);
    }

    /** A plan whose tenants were planned, or that has none to show for every tenant. */
    public MigrationPlan(Operation operation, List<SchemaPlan> schemas, Optional<String> tenantListError) {
        this(operation, schemas, tenantListError, List.of());
    }

    /** The schemas the run would do something in. */
    public List<SchemaPlan> withWork() {
        return schemas.stream().filter(SchemaPlan::hasWork).toList();
    }

    /** How many migrations the run would apply or roll back, over every schema. */
    public int migrationCount() {
        return schemas.stream().mapToInt(schema -> schema.migrations().size()).sum();
    }

    /**
     * One line for people, e.g. {@code 3 schemas planned, 2 with work, 3 migrations to apply.} or, while
     * the tenant list cannot be read, {@code 1 schema planned (not the tenants: the tenant list cannot be
     * read before the main migrations run), 1 with work, 1 migration to apply.}
     */
    public String summary() {
        return plural(schemas.size(), "schema") + " planned"
            + (tenantListError.isPresent() ? " (not the tenants: the tenant list cannot be read before the main "
                + "migrations run)" : "")
            + ", " + withWork().size() + " with work, " + plural(migrationCount(), "migration")
            + (operation == Operation.DOWN ? " to roll back." : " to apply.");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
