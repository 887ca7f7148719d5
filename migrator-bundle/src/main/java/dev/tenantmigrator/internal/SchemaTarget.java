package dev.tenantmigrator.internal;

import java.util.List;

/**
 * A schema to migrate and the {@code search_path} its migrations run with.
 *
 * @param schema the schema migrated
 * @param tenant whether it is a tenant schema
 * @param searchPath the schema itself and, for a tenant, the main schema after it, so shared
 *     tables and extensions stay visible while unqualified new names land in the tenant schema
 */
public record SchemaTarget(String schema, boolean tenant, List<String> searchPath) {

    public static SchemaTarget main(String schema) {
        return new SchemaTarget(schema, false, List.of(schema));
    }

    public static SchemaTarget tenant(String schema, String mainSchema) {
        return new SchemaTarget(schema, true, List.of(schema, mainSchema));
    }
}
