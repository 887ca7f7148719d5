package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.PlannedMigration;
import dev.tenantmigrator.SchemaPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link MigrationPlan} as {@code db-up --dry-run} and {@code db-down --dry-run} print it for
 * people: each schema with work, each of its migrations with the statements it would send (a Java
 * migration by its class), then the plan's summary line. Schemas with nothing to do are only counted,
 * and a migration's statements are printed the first time it appears: at thousands of tenants the
 * same file would otherwise repeat thousands of times.
 */
final class PlanText {

    private static final String NL = System.lineSeparator();

    private PlanText() {
    }

    /** The text for {@code plan}, made by the command named {@code command} (e.g. {@code db-up}). */
    static String render(String command, MigrationPlan plan) {
        StringBuilder text = new StringBuilder("Dry run of ").append(command).append(": nothing is changed.").append(NL);
        Set<String> shown = new HashSet<>();
        for (SchemaPlan schema : plan.withWork()) {
            text.append(NL).append(schema.schema()).append(schema.tenant() ? " (tenant): " : " (main schema): ")
                .append(String.join(", ", work(schema, plan.operation()))).append(NL);
            for (PlannedMigration migration : schema.migrations()) {
                // A file name may be in both sets; the set is part of what makes the statements the same.
                boolean first = shown.add(schema.tenant() + " " + migration.migration());
                appendMigration(text, migration, first);
            }
        }
        plan.tenantListError().ifPresent(error -> {
            text.append(NL).append("Tenant schemas: not planned. The tenant list can only be read after the main migrations ")
                .append("above have run (").append(error).append("); ").append(command)
                .append(" reads it once they have, then migrates the tenants.").append(NL);
            if (!plan.forEveryTenant().isEmpty()) {
                text.append(NL).append("Every tenant schema the list will hold (a new one is created with its history table) ")
                    .append("gets what it lacks of these ").append(count(plan.forEveryTenant().size(), "tenant migration"))
                    .append(':').append(NL);
                plan.forEveryTenant().forEach(migration ->
                    appendMigration(text, migration, shown.add("true " + migration.migration())));
            }
        });
        return text.append(NL).append(plan.summary()).append(NL).toString();
    }

    /** What the run would do in the schema, in the order it would do it. */
    private static List<String> work(SchemaPlan schema, Operation operation) {
        if (schema.refusal().isPresent()) {
            return List.of("refused: " + schema.refusal().get());
        }
        List<String> work = new ArrayList<>();
        if (schema.createsHistory()) {
            work.add(schema.exists() ? "creates its history table" : "creates the schema and its history table");
        }
        if (schema.checksumsToRecord() > 0) {
            work.add("records the checksum of " + count(schema.checksumsToRecord(), "applied migration"));
        }
        if (!schema.migrations().isEmpty()) {
            work.add((operation == Operation.DOWN ? "rolls back " : "applies ") + count(schema.migrations().size(), "migration"));
        }
        return work;
    }

    private static void appendMigration(StringBuilder text, PlannedMigration migration, boolean first) {
        text.append("  ").append(migration.migration())
            .append(migration.transactional() ? ", in a transaction" : ", outside a transaction");
        if (migration.isJava()) {
            text.append(':').append(NL).append("    Java code: ").append(migration.javaClass().orElseThrow()).append(NL);
            return;
        }
        text.append(", ").append(count(migration.statements().size(), "statement"));
        if (!first) {
            text.append(" (shown above)").append(NL);
            return;
        }
        text.append(':').append(NL);
        for (PlannedMigration.Statement statement : migration.statements()) {
            // Each statement ends with the semicolon the splitter cut at, so where one ends is plain to see.
            text.append(statement.sql().lines().map(line -> "    " + line).collect(Collectors.joining(NL)))
                .append(';').append(NL);
        }
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
