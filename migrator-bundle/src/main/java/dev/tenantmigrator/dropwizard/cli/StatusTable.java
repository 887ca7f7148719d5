package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.SchemaStatus;
import dev.tenantmigrator.StatusEntry.State;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link MigrationStatus} as the text {@code db-status} prints for people. */
final class StatusTable {

    private static final String NL = System.lineSeparator();
    /** Schema column (width filled in), kind, state, applied count, pending count. */
    private static final String ROW = "%%-%ds  %%-6s  %%-10s  %%7s  %%7s%%n";
    /** Schema column (width filled in), kind, state, what the schema lacks. */
    private static final String NOT_UP_TO_DATE_ROW = "%%-%ds  %%-6s  %%-7s  %%s%%n";
    /** How many pending migrations a row of the short form names; it counts the rest. */
    static final int NAMED_PENDING = 3;

    private StatusTable() {
    }

    /**
     * One row per schema (kind, state, count of applied and pending migrations), then every pending
     * item as {@code db-ensure-up} words it, then a one-line summary: {@code db-status --all}.
     */
    static String render(MigrationStatus status) {
        String row = String.format(ROW, schemaWidth(status.schemas()));
        StringBuilder table = new StringBuilder();
        table.append(String.format(row, "SCHEMA", "KIND", "STATE", "APPLIED", "PENDING"));
        for (SchemaStatus schema : status.schemas()) {
            table.append(String.format(row, schema.schema(), kind(schema), state(schema),
                schema.applied().size(), schema.pending().size()));
        }
        List<String> pending = status.pendingLines();
        if (!pending.isEmpty()) {
            table.append(NL).append("Pending:").append(NL);
            pending.forEach(line -> table.append("  ").append(line).append(NL));
        }
        table.append(NL).append(summary(status)).append(NL);
        return table.toString();
    }

    /**
     * The one-line summary, then one row per schema that is not up to date with what it lacks, then
     * why the tenant list could not be read: {@code db-status}, short at any number of tenants when
     * most are up to date.
     */
    static String renderNotUpToDate(MigrationStatus status) {
        StringBuilder text = new StringBuilder(summary(status)).append(NL);
        List<SchemaStatus> notUpToDate = status.schemas().stream().filter(schema -> !schema.upToDate()).toList();
        if (!notUpToDate.isEmpty()) {
            String row = String.format(NOT_UP_TO_DATE_ROW, schemaWidth(notUpToDate));
            text.append(NL).append(String.format(row, "SCHEMA", "KIND", "STATE", "LACKS"));
            for (SchemaStatus schema : notUpToDate) {
                text.append(String.format(row, schema.schema(), kind(schema), state(schema), lacks(schema)));
            }
        }
        status.tenantListError().ifPresent(error -> text.append(NL).append("TENANT LIST COULD NOT BE READ: ")
            .append(error).append(NL));
        return text.toString();
    }

    /**
     * e.g. {@code the schema; 2 pending: a.sql, b.sql}, {@code FAILED: c.sql; 1 pending: c.sql}, or
     * {@code 12 pending: a.sql, b.sql, c.sql and 9 more}.
     */
    private static String lacks(SchemaStatus schema) {
        List<String> lacks = new ArrayList<>();
        if (!schema.exists()) {
            lacks.add("the schema");
        }
        lacks.addAll(schema.problems());
        List<String> pending = schema.pending();
        if (!pending.isEmpty()) {
            String named = String.join(", ", pending.subList(0, Math.min(NAMED_PENDING, pending.size())));
            lacks.add(pending.size() + " pending: " + named
                + (pending.size() > NAMED_PENDING ? " and " + (pending.size() - NAMED_PENDING) + " more" : ""));
        }
        return String.join("; ", lacks);
    }

    private static int schemaWidth(List<SchemaStatus> schemas) {
        return Math.max("SCHEMA".length(), schemas.stream().mapToInt(schema -> schema.schema().length()).max().orElse(0));
    }

    private static String kind(SchemaStatus schema) {
        return schema.tenant() ? "tenant" : "main";
    }

    private static String state(SchemaStatus schema) {
        if (!schema.exists()) {
            return "missing";
        }
        if (!schema.problems().isEmpty()) {
            // A schema up refuses (a recorded failure, an interrupted migration, an INVALID index) has failed.
            return schema.has(State.FAILED, State.INTERRUPTED, State.INVALID_INDEX) ? "failed" : "changed";
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
