package dev.tenantmigrator;

import java.util.List;

/**
 * The state of one schema.
 *
 * @param schema the schema's name
 * @param tenant whether it is a tenant schema (false for the main schema)
 * @param exists whether the schema exists
 * @param applied descriptions of the applied migrations, oldest first; a version that is in the
 *     history but not in the migration set is shown as {@code <version> (not in the migration set)}
 * @param pending descriptions of the migrations not yet applied, in the order up would apply them
 */
public record SchemaStatus(String schema, boolean tenant, boolean exists, List<String> applied, List<String> pending) {

    public SchemaStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** True when the schema exists and nothing is pending. */
    public boolean upToDate() {
        return exists && pending.isEmpty();
    }
}
