package dev.tenantmigrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Migrator#status()} found: the main schema first, then each known tenant.
 *
 * @param schemas the main schema, then the tenants in the order they are migrated
 * @param tenantListError why the tenant list could not be read, e.g. because the table the tenant
 *     query reads is created by a pending main migration; empty when it was read
 */
public record MigrationStatus(List<SchemaStatus> schemas, Optional<String> tenantListError) {

    public MigrationStatus {
        schemas = List.copyOf(schemas);
    }

    /** True when every schema exists, nothing is pending and the tenant list was read. */
    public boolean upToDate() {
        return tenantListError.isEmpty() && schemas.stream().allMatch(SchemaStatus::upToDate);
    }

    /**
     * One line per pending item, worded as {@link Migrator#ensureUp()} words them:
     * {@code 20220101120000_create_foo.sql}, {@code 20220101120000_create_foo.sql (tenant: tenant_a)},
     * {@code SCHEMA DOES NOT EXIST: tenant_b}, {@code FAILED: 20220101120000_index_foo.sql (tenant: tenant_c)}.
     */
    public List<String> pendingLines() {
        List<String> lines = new ArrayList<>();
        for (SchemaStatus schema : schemas) {
            if (!schema.exists()) {
                lines.add("SCHEMA DOES NOT EXIST: " + schema.schema());
                if (schema.tenant()) {
                    continue;
                }
            }
            String suffix = schema.tenant() ? " (tenant: " + schema.schema() + ")" : "";
            schema.problems().forEach(problem -> lines.add(problem + suffix));
            schema.pending().forEach(migration -> lines.add(migration + suffix));
        }
        tenantListError.ifPresent(error -> lines.add("TENANT LIST COULD NOT BE READ: " + error));
        return lines;
    }
}
