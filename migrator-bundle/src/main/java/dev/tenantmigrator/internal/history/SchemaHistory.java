package dev.tenantmigrator.internal.history;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the catalog and the history table say of one schema.
 *
 * @param schema the schema
 * @param exists whether the schema exists
 * @param hasTable whether it has a {@code schema_migrations} table
 * @param applied the versions in that table, oldest first (empty without a table)
 */
public record SchemaHistory(SchemaRef schema, boolean exists, boolean hasTable, NavigableSet<Long> applied) {

    public SchemaHistory {
        applied = Collections.unmodifiableNavigableSet(new TreeSet<>(applied));
    }

    /** A schema that does not exist. */
    public static SchemaHistory missing(SchemaRef schema) {
        return new SchemaHistory(schema, false, false, new TreeSet<>());
    }

    /** An existing schema with a history table holding these versions. */
    public static SchemaHistory of(SchemaRef schema, NavigableSet<Long> applied) {
        return new SchemaHistory(schema, true, true, applied);
    }
}
