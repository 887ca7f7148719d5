package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.SchemaStatus;
import dev.tenantmigrator.StatusEntry;
import java.util.List;
import java.util.Locale;

/**
 * The JSON {@code db-status --json} prints: a stable shape for scripts.
 *
 * @param upToDate whether every schema exists and nothing is pending
 * @param schemas the main schema, then each tenant
 * @param pending every pending item as {@code db-ensure-up} words it
 * @param tenantListError why the tenant list could not be read, or null
 */
record StatusReport(boolean upToDate, List<Schema> schemas, List<String> pending, String tenantListError) {

    /**
     * One schema: {@code applied}, {@code pending} and {@code problems} in words (as before the entries were
     * typed), and the same as typed {@code entries}.
     */
    record Schema(String schema, boolean tenant, boolean exists, List<String> applied, List<String> pending,
                  List<String> problems, List<Entry> entries) {
    }

    /**
     * One typed entry: {@code state} is {@code applied}, {@code pending}, {@code failed}, {@code interrupted},
     * {@code invalid-index}, {@code changed-since-applied} or {@code file-missing}; {@code version} and
     * {@code at} (UTC, ISO-8601) are null when unknown.
     */
    record Entry(String state, Long version, String name, String at, String line) {
    }

    static StatusReport of(MigrationStatus status) {
        return new StatusReport(status.upToDate(), status.schemas().stream().map(StatusReport::schema).toList(),
            status.pendingLines(), status.tenantListError().orElse(null));
    }

    private static Schema schema(SchemaStatus schema) {
        return new Schema(schema.schema(), schema.tenant(), schema.exists(), schema.applied(), schema.pending(),
            schema.problems(), schema.entries().stream().map(StatusReport::entry).toList());
    }

    private static Entry entry(StatusEntry entry) {
        return new Entry(entry.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), entry.version().orElse(null),
            entry.name(), entry.at().map(Object::toString).orElse(null), entry.line());
    }
}
