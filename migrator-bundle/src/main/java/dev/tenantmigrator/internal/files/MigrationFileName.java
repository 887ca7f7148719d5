package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.MigratorException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a file name {@code <version>_<name>.sql}. */
record MigrationFileName(long version, String name) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]+)_([A-Za-z0-9_]+)\\.sql");

    static MigrationFileName parse(String fileName, String location) {
        Matcher m = FORMAT.matcher(fileName);
        if (!m.matches()) {
            throw new MigratorException("Migration file " + fileName + " in " + location
                + " is not named <version>_<name>.sql (version a positive number, name of letters, digits and underscores).");
        }
        long version;
        try {
            version = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new MigratorException("Migration file " + fileName + " in " + location + " has a version too large for a bigint.");
        }
        if (version <= 0) {
            throw new MigratorException("Migration file " + fileName + " in " + location + " has version 0; versions must be positive.");
        }
        return new MigrationFileName(version, m.group(2));
    }
}
