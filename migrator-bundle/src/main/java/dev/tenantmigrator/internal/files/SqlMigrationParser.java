package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a migration file in dbmate's format: a {@code -- migrate:up} section, optionally a
 * {@code -- migrate:down} section, each optionally marked {@code transaction:false}. Each section
 * is split into statements numbered with the file's lines, and a transactional section holding a
 * statement PostgreSQL refuses inside a transaction (e.g. CREATE INDEX CONCURRENTLY) is rejected.
 */
public final class SqlMigrationParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^--\\s*migrate:(\\S*)(.*)$");

    private SqlMigrationParser() {
    }

    /** Parses one file; throws a {@link MigratorException} naming the file when it is malformed. */
    public static SqlMigration parse(String fileName, String location, String content) {
        MigrationFileName parsed = MigrationFileName.parse(fileName, location);
        String where = "Migration file " + fileName + " in " + location;
        Section up = null;
        Section down = null;
        Section current = null;
        StringBuilder preamble = new StringBuilder();
        String[] lines = content.split("\\R", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            Matcher m = DIRECTIVE.matcher(line.strip());
            if (!m.matches()) {
                (current == null ? preamble : current.sql).append(line).append('\n');
                continue;
            }
            String direction = m.group(1);
            boolean transactional = transactionOption(m.group(2).strip(), where, line);
            if (direction.equals("up")) {
                if (up != null) {
                    throw new MigratorException(where + " has more than one '-- migrate:up' section.");
                }
                current = up = new Section("up", transactional, index + 2);
            } else if (direction.equals("down")) {
                if (down != null) {
                    throw new MigratorException(where + " has more than one '-- migrate:down' section.");
                }
                current = down = new Section("down", transactional, index + 2);
            } else {
                throw new MigratorException(where + " has an unknown directive " + Excerpt.quoted(line.strip())
                    + "; only '-- migrate:up' and '-- migrate:down' are known.");
            }
        }
        if (up == null) {
            throw new MigratorException(where + " has no '-- migrate:up' section.");
        }
        if (!SqlStatements.isBlank(preamble.toString())) {
            throw new MigratorException(where + " has SQL before its first '-- migrate:' line.");
        }
        SqlMigration.Section upSection = up.toSql(where);
        if (upSection.statements().isEmpty()) {
            throw new MigratorException(where + " has an empty '-- migrate:up' section.");
        }
        return new SqlMigration(parsed.version(), parsed.name(), fileName,
            upSection, Optional.ofNullable(down).map(section -> section.toSql(where)), up.checksum());
    }

    private static boolean transactionOption(String options, String where, String line) {
        if (options.isEmpty() || options.equals("transaction:true")) {
            return true;
        }
        if (options.equals("transaction:false")) {
            return false;
        }
        throw new MigratorException(where + " has an unknown directive " + Excerpt.quoted(line.strip())
            + "; the only option is 'transaction:false'.");
    }


    /** A section as read so far; {@code firstLine} is the file line after its {@code -- migrate:} line. */
    private static final class Section {
        final String direction;
        final boolean transactional;
        final int firstLine;
        final StringBuilder sql = new StringBuilder();

        Section(String direction, boolean transactional, int firstLine) {
            this.direction = direction;
            this.transactional = transactional;
            this.firstLine = firstLine;
        }

        /**
         * SHA-256 of the section as it runs: whether it is transactional, and its text with every line
         * ending read as {@code \n}, so a checkout with CRLF line endings matches one with LF. The down
         * section is left out: editing it does not change what was applied.
         */
        String checksum() {
            String text = (transactional ? "transactional\n" : "transaction:false\n") + sql;
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        SqlMigration.Section toSql(String where) {
            List<SqlStatement> statements = SqlStatements.split(sql.toString(), firstLine);
            if (transactional) {
                for (SqlStatement statement : statements) {
                    RefusedInTransaction.command(statement).ifPresent(command -> {
                        throw new MigratorException(where + " has " + command + " in its '-- migrate:" + direction
                            + "' section (" + statement.where() + "), which PostgreSQL cannot run inside a transaction; "
                            + "change that section's line to '-- migrate:" + direction + " transaction:false'.");
                    });
                }
            }
            return new SqlMigration.Section(statements, transactional);
        }
    }
}
