package dev.tenantmigrator;

import java.util.List;
import java.util.Optional;

/**
 * One migration a {@link MigrationPlan} would apply or roll back in one schema, with what it would run:
 * for a SQL file, its section's statements as the statement splitter sends them one by one; for a Java
 * migration, its class (its code cannot be shown).
 *
 * @param version the migration's version
 * @param migration how the migration is named in messages: the file name, or {@code version_name}
 * @param transactional whether the section runs in one transaction with its history row
 * @param statements the SQL statements in the order they run; empty for a Java migration
 * @param javaClass the class of a Java migration; empty for a SQL file
 */
public record PlannedMigration(long version, String migration, boolean transactional, List<Statement> statements,
                               Optional<String> javaClass) {

    public PlannedMigration {
        statements = List.copyOf(statements);
    }

    /**
     * One statement of a SQL section.
     *
     * @param line the line of the migration file it starts on
     * @param sql the statement as sent: from its first token to its last, without the terminating semicolon;
     *            passwords masked (a plan is for showing, and {@code --dry-run} prints it)
     */
    public record Statement(int line, String sql) {
    }

    /** Whether this is Java code rather than a SQL file. */
    public boolean isJava() {
        return javaClass.isPresent();
    }
}
