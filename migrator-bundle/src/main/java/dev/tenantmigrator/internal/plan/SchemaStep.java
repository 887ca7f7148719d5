package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.SchemaRef;
import java.util.List;

/**
 * The work planned for one schema: the migrations to apply (up, oldest first) or roll back (down,
 * newest first), and for up whether the schema or its history table must be created first.
 *
 * @param schema the schema
 * @param createsHistory whether the schema or its history table is missing (up only)
 * @param migrations the migrations to run, in the order they run
 */
public record SchemaStep(SchemaRef schema, boolean createsHistory, List<Migration> migrations) {

    public SchemaStep {
        migrations = List.copyOf(migrations);
    }

    /** Whether anything is to be done in the schema. */
    public boolean hasWork() {
        return createsHistory || !migrations.isEmpty();
    }
}
