package dev.tenantmigrator.internal.files;

import java.lang.ref.SoftReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One section of a migration file as the load checked it: its mode, how many statements it holds
 * and its checksum, not its SQL, which is read from the file again when the section runs. A small
 * section's statements, once read, are kept softly (the garbage collector drops them when memory
 * runs short), so a migration applied to thousands of tenants is not read thousands of times.
 */
final class SqlSection {

    // Larger sections are read as their statements are sent, each time they run, and never held whole.
    private static final long KEPT_CHARS = 1 << 20;

    private final MigrationFile file;
    private final Directive directive;
    private final int statementCount;
    private final long chars;
    private final String checksum;
    private volatile SoftReference<List<SqlStatement>> kept = new SoftReference<>(null);

    /**
     * @param chars the section's length in characters
     * @param checksum see {@link SectionText#end()}
     */
    SqlSection(MigrationFile file, Directive directive, int statementCount, long chars, String checksum) {
        this.file = file;
        this.directive = directive;
        this.statementCount = statementCount;
        this.chars = chars;
        this.checksum = checksum;
    }

    /** {@code up} or {@code down}. */
    String direction() {
        return directive.direction();
    }

    /** Whether the section runs in a transaction. */
    boolean transactional() {
        return directive.transactional();
    }

    /** The checksum of the section as the load read it. */
    String checksum() {
        return checksum;
    }

    /** Runs the section's statements in order; see {@link StatementRunner#run}. */
    void run(Connection connection) throws SQLException {
        if (chars <= KEPT_CHARS) {
            StatementRunner.run(connection, statements().iterator(), statementCount, transactional());
            return;
        }
        try (SectionReader reader = new SectionReader(file, this)) {
            StatementRunner.run(connection, reader, statementCount, transactional());
        }
    }

    /**
     * The section's statements in order, read from the file unless they are kept; a large section is
     * read whole for this, so it is for showing a plan, not for running.
     */
    List<SqlStatement> statements() {
        List<SqlStatement> known = kept.get();
        if (known != null) {
            return known;
        }
        List<SqlStatement> read = new ArrayList<>(statementCount);
        try (SectionReader reader = new SectionReader(file, this)) {
            reader.forEachRemaining(read::add);
        }
        List<SqlStatement> statements = Collections.unmodifiableList(read);
        if (chars <= KEPT_CHARS) {
            kept = new SoftReference<>(statements);
        }
        return statements;
    }
}
