package dev.tenantmigrator;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link MigrationPlan} would do in one schema.
 *
 * @param schema the schema's name
 * @param tenant whether it is a tenant schema (false for the main schema)
 * @param exists whether the schema exists now (up creates a missing one)
 * @param createsHistory whether up would create the schema or its {@code schema_migrations} table first
 * @param migrations the migrations to apply (up, oldest first) or roll back (down, newest first)
 * @param checksumsToRecord how many applied migrations up would record the checksum of (rows made
 *     before checksums were kept)
 * @param refusal why the run would refuse the schema: a failure recorded outside a transaction,
 *     to be checked and cleared with {@code db-repair} first
 */
public record SchemaPlan(String schema, boolean tenant, boolean exists, boolean createsHistory,
                         List<PlannedMigration> migrations, int checksumsToRecord, Optional<String> refusal) {

    public SchemaPlan {
        migrations = List.copyOf(migrations);
    }

    /** Whether the run would do anything in the schema (a refused schema counts: the run would fail it). */
    public boolean hasWork() {
        return createsHistory || !migrations.isEmpty() || checksumsToRecord > 0 || refusal.isPresent();
    }
}
