package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.MigratorException;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a migration file in dbmate's format: a {@code -- migrate:up} section, optionally a
 * {@code -- migrate:down} section, each optionally marked {@code transaction:false}. Each section
 * is split into statements numbered with the file's lines, and a transactional section holding a
 * statement PostgreSQL refuses inside a transaction (e.g. CREATE INDEX CONCURRENTLY) is rejected.
 * The file is read once, line by line, and its SQL is not kept: the migration reads it again when
 * it runs.
 */
final class SqlMigrationParser {

    private SqlMigrationParser() {
    }

    /** Reads and checks one file; throws a {@link MigratorException} naming the file when it is malformed. */
    static SqlMigration parse(MigrationFile file) {
        MigrationFileName parsed = MigrationFileName.parse(file.fileName(), file.location());
        String where = file.where();
        StatementStream preamble = new StatementStream(1);
        boolean sqlBeforeSections = false;
        Section up = null;
        Section down = null;
        Section current = null;
        int lineNumber = 0;
        try (TextLines lines = file.lines()) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                Optional<Directive> directive = Directive.of(line, where);
                if (directive.isEmpty() && current == null) {
                    preamble.add(line);
                    sqlBeforeSections |= preamble.poll() != null;
                } else if (directive.isEmpty()) {
                    current.add(line);
                } else if (directive.get().direction().equals("up")) {
                    if (up != null) {
                        throw new MigratorException(where + " has more than one '-- migrate:up' section.");
                    }
                    current = up = new Section(file, directive.get(), lineNumber + 1);
                } else {
                    if (down != null) {
                        throw new MigratorException(where + " has more than one '-- migrate:down' section.");
                    }
                    current = down = new Section(file, directive.get(), lineNumber + 1);
                }
            }
        } catch (IOException e) {
            throw new MigratorException(where + " could not be read: " + e.getMessage(), e);
        }
        if (up == null) {
            throw new MigratorException(where + " has no '-- migrate:up' section.");
        }
        preamble.end();
        if (sqlBeforeSections || preamble.poll() != null) {
            throw new MigratorException(where + " has SQL before its first '-- migrate:' line.");
        }
        SqlSection upSection = up.end(where);
        if (up.statements == 0) {
            throw new MigratorException(where + " has an empty '-- migrate:up' section.");
        }
        Optional<SqlSection> downSection = Optional.ofNullable(down).map(section -> section.end(where));
        return new SqlMigration(parsed.version(), parsed.name(), file.fileName(), upSection, downSection);
    }

    /**
     * A section as read so far: its statements are counted and checked as they complete, and the
     * first one PostgreSQL would refuse in the section's transaction is remembered, to be reported
     * once the file is read (a malformed file is reported first).
     */
    private static final class Section {
        final MigrationFile file;
        final Directive directive;
        final SectionText text;
        int statements;
        Optional<String> refusal = Optional.empty();

        Section(MigrationFile file, Directive directive, int firstLine) {
            this.file = file;
            this.directive = directive;
            this.text = new SectionText(directive, firstLine);
        }

        void add(String line) {
            text.add(line);
            check();
        }

        /** Ends the section; throws when it holds a statement its transaction would refuse. */
        SqlSection end(String where) {
            String checksum = text.end();
            check();
            refusal.ifPresent(message -> {
                throw new MigratorException(where + message);
            });
            return new SqlSection(file, directive, statements, text.chars(), checksum);
        }

        private void check() {
            for (SqlStatement statement = text.nextStatement(); statement != null; statement = text.nextStatement()) {
                statements++;
                if (directive.transactional() && refusal.isEmpty()) {
                    refusal = refusal(statement);
                }
            }
        }

        private Optional<String> refusal(SqlStatement statement) {
            String direction = directive.direction();
            return RefusedInTransaction.command(statement).map(command -> " has " + command + " in its '-- migrate:"
                + direction + "' section (" + statement.where() + "), which PostgreSQL cannot run inside a transaction; "
                + "change that section's line to '-- migrate:" + direction + " transaction:false'.");
        }
    }
}
