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
 * @param problems what keeps the schema from being up to date besides pending migrations, one line
 *     each: {@code FAILED: <file>} (a failure recorded outside a transaction), {@code INTERRUPTED:
 *     <file>} (a migration outside a transaction that started and never finished), {@code INVALID
 *     INDEX: <index> (drop it with ...)}, {@code CHANGED SINCE APPLIED: <file>}, {@code FILE MISSING:
 *     version <version>}
 */
public record SchemaStatus(String schema, boolean tenant, boolean exists, List<String> applied, List<String> pending,
                           List<String> problems) {

    public SchemaStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
    }

    /** A schema without problems. */
    public SchemaStatus(String schema, boolean tenant, boolean exists, List<String> applied, List<String> pending) {
        this(schema, tenant, exists, applied, pending, List.of());
    }

    /** True when the schema exists, nothing is pending and nothing is wrong with its history. */
    public boolean upToDate() {
        return exists && pending.isEmpty() && problems.isEmpty();
    }
}
