package dev.tenantmigrator.internal;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the catalog and the history table say of one schema.
 *
 * @param schema the schema's name
 * @param exists whether the schema exists
 * @param hasTable whether it has a {@code schema_migrations} table
 * @param applied the versions in that table, oldest first (empty without a table)
 */
public record SchemaHistory(String schema, boolean exists, boolean hasTable, NavigableSet<Long> applied) {

    public SchemaHistory {
        applied = Collections.unmodifiableNavigableSet(new TreeSet<>(applied));
    }

    static SchemaHistory missing(String schema) {
        return new SchemaHistory(schema, false, false, new TreeSet<>());
    }
}
