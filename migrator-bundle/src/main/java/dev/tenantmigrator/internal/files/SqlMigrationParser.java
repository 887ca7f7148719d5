package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.MigratorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a migration file in dbmate's format: a {@code -- migrate:up} section, optionally a
 * {@code -- migrate:down} section, each optionally marked {@code transaction:false}.
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
        for (String line : content.split("\\R", -1)) {
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
                current = up = new Section(transactional);
            } else if (direction.equals("down")) {
                if (down != null) {
                    throw new MigratorException(where + " has more than one '-- migrate:down' section.");
                }
                current = down = new Section(transactional);
            } else {
                throw new MigratorException(where + " has an unknown directive '" + line.strip()
                    + "'; only '-- migrate:up' and '-- migrate:down' are known.");
            }
        }
        if (up == null) {
            throw new MigratorException(where + " has no '-- migrate:up' section.");
        }
        if (!SqlStatements.isBlank(preamble.toString())) {
            throw new MigratorException(where + " has SQL before its first '-- migrate:' line.");
        }
        if (SqlStatements.isBlank(up.sql.toString())) {
            throw new MigratorException(where + " has an empty '-- migrate:up' section.");
        }
        return new SqlMigration(parsed.version(), parsed.name(), fileName,
            up.toSql(), Optional.ofNullable(down).map(Section::toSql), checksum(content));
    }

    private static boolean transactionOption(String options, String where, String line) {
        if (options.isEmpty() || options.equals("transaction:true")) {
            return true;
        }
        if (options.equals("transaction:false")) {
            return false;
        }
        throw new MigratorException(where + " has an unknown directive '" + line.strip()
            + "'; the only option is 'transaction:false'.");
    }

    private static String checksum(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final class Section {
        final boolean transactional;
        final StringBuilder sql = new StringBuilder();

        Section(boolean transactional) {
            this.transactional = transactional;
        }

        SqlMigration.Section toSql() {
            return new SqlMigration.Section(sql.toString().strip(), transactional);
        }
    }
}
