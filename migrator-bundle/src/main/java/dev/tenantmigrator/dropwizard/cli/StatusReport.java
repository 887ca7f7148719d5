package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.SchemaStatus;
import java.util.List;

/**
 * The JSON {@code db-status --json} prints: a stable shape for scripts.
 *
 * @param upToDate whether every schema exists and nothing is pending
 * @param schemas the main schema, then each tenant: name, tenant, exists, applied, pending
 * @param pending every pending item as {@code db-ensure-up} words it
 * @param tenantListError why the tenant list could not be read, or null
 */
record StatusReport(boolean upToDate, List<SchemaStatus> schemas, List<String> pending, String tenantListError) {

    static StatusReport of(MigrationStatus status) {
        return new StatusReport(status.upToDate(), status.schemas(), status.pendingLines(),
            status.tenantListError().orElse(null));
    }
}
