package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.SchemaStatus;
import java.util.List;

/** Renders a {@link MigrationStatus} as the table {@code db-status} prints for people. */
final class StatusTable {

    /** Schema column (width filled in), kind, state, applied count, pending count. */
    private static final String ROW = "%%-%ds  %%-6s  %%-10s  %%7s  %%7s%%n";

    private StatusTable() {
    }

    /**
     * One row per schema (kind, state, count of applied and pending migrations), then every pending
     * item as {@code db-ensure-up} words it, then a one-line summary.
     */
    static String render(MigrationStatus status) {
        int width = Math.max("SCHEMA".length(),
            status.schemas().stream().mapToInt(schema -> schema.schema().length()).max().orElse(0));
        String row = String.format(ROW, width);
        StringBuilder table = new StringBuilder();
        table.append(String.format(row, "SCHEMA", "KIND", "STATE", "APPLIED", "PENDING"));
        for (SchemaStatus schema : status.schemas()) {
            table.append(String.format(row, schema.schema(), schema.tenant() ? "tenant" : "main", state(schema),
                schema.applied().size(), schema.pending().size()));
        }
        List<String> pending = status.pendingLines();
        if (!pending.isEmpty()) {
            table.append(System.lineSeparator()).append("Pending:").append(System.lineSeparator());
            pending.forEach(line -> table.append("  ").append(line).append(System.lineSeparator()));
        }
        table.append(System.lineSeparator()).append(summary(status)).append(System.lineSeparator());
        return table.toString();
    }

    private static String state(SchemaStatus schema) {
        if (!schema.exists()) {
            return "missing";
        }
        if (!schema.problems().isEmpty()) {
            return schema.problems().stream().anyMatch(problem -> problem.startsWith("FAILED")) ? "failed" : "changed";
        }
        return schema.pending().isEmpty() ? "up to date" : "pending";
    }

    private static String summary(MigrationStatus status) {
        long upToDate = status.schemas().stream().filter(SchemaStatus::upToDate).count();
        long missing = status.schemas().stream().filter(schema -> !schema.exists()).count();
        long problems = status.schemas().stream().filter(schema -> schema.exists() && !schema.problems().isEmpty()).count();
        long pending = status.schemas().size() - upToDate - missing - problems;
        return status.schemas().size() + (status.schemas().size() == 1 ? " schema: " : " schemas: ")
            + upToDate + " up to date, " + pending + " with pending migrations, " + missing + " missing"
            + (problems > 0 ? ", " + problems + " failed or changed." : ".")
            + (status.upToDate() ? " Migrations are up." : " Migrations are not up.");
    }
}
