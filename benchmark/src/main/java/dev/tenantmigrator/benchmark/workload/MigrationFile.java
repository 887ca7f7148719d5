package dev.tenantmigrator.benchmark.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration of the workload, read from a file in dbmate's format ({@code -- migrate:up} and
 * {@code -- migrate:down} sections, named {@code <14-digit version>_<name>.sql}). Every runner
 * executes {@link #up()} unchanged.
 *
 * @param fileName the file's name, such as {@code 20240101000001_create_users.sql}
 * @param version the 14-digit version
 * @param name the part of the file name after the version, without {@code .sql}
 * @param content the whole file, as our tool reads it
 * @param up the SQL of the up section
 * @param down the SQL of the down section
 */
public record MigrationFile(String fileName, long version, String name, String content, String up, String down) {

    private static final Pattern FILE_NAME = Pattern.compile("([0-9]{14})_([a-z0-9_]+)\\.sql");
    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*migrate:(up|down)(.*)");

    /** Reads one file; throws {@link IllegalArgumentException} naming it when it is not in the expected format. */
    public static MigrationFile parse(String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException(fileName + " is not named <14-digit version>_<name>.sql");
        }
        StringBuilder up = null;
        StringBuilder down = null;
        StringBuilder current = null;
        for (String line : content.split("\\R", -1)) {
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                if (!directive.group(2).isBlank()) {
                    throw new IllegalArgumentException(fileName + ": the benchmark runs every section in a transaction; '"
                        + line.strip() + "' is not supported");
                }
                current = new StringBuilder();
                if (directive.group(1).equals("up")) {
                    up = current;
                } else {
                    down = current;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(fileName + " has SQL before its '-- migrate:up' line");
            }
        }
        if (up == null || up.toString().isBlank() || down == null) {
            throw new IllegalArgumentException(fileName + " needs a non-empty '-- migrate:up' and a '-- migrate:down' section");
        }
        return new MigrationFile(fileName, Long.parseLong(name.group(1)), name.group(2), content,
            up.toString().strip(), down.toString().strip());
    }

    /** The up section, ending with a semicolon, so that sections can be written one after another in a script. */
    public String upStatement() {
        return terminated(up);
    }

    /** The down section, ending with a semicolon. */
    public String downStatement() {
        return terminated(down);
    }

    /**
     * The checksum our tool records, in hexadecimal: SHA-256 of {@code "transactional\n"} followed by
     * the up section as written (every line after {@code -- migrate:up} up to {@code -- migrate:down},
     * each ended by {@code \n}), as the tool's {@code SqlMigrationParser} computes it.
     */
    public String checksum() {
        StringBuilder section = new StringBuilder("transactional\n");
        boolean inUp = false;
        for (String line : content.split("\\R", -1)) {
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                inUp = directive.group(1).equals("up");
            } else if (inUp) {
                section.append(line).append('\n');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                section.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String terminated(String sql) {
        return sql.endsWith(";") ? sql : sql + ";";
    }
}
