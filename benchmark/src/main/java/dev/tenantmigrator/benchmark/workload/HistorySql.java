package dev.tenantmigrator.benchmark.workload;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The history table our tool keeps in every schema, as SQL the plain JDBC loop and the psql
 * scripts write themselves, so that their schemas end up as our tool leaves them (a database built
 * by a psql replay reads as up to date to our tool).
 */
public final class HistorySql {

    /** The table's name. */
    public static final String TABLE = "schema_migrations";

    private static final String COLUMNS = " (version bigint NOT NULL PRIMARY KEY, "
        + "inserted_at timestamp(0) without time zone, name text, checksum text, execution_ms integer)";

    /** Creates the table in the first schema of the {@code search_path}. */
    public static final String CREATE_TABLE = "CREATE TABLE " + TABLE + COLUMNS;

    /** The same, when it may exist already. */
    public static final String CREATE_TABLE_IF_MISSING = "CREATE TABLE IF NOT EXISTS " + TABLE + COLUMNS;

    /** An insert with the parameters version, name, checksum. */
    public static final String INSERT_ONE = "INSERT INTO " + TABLE
        + " (version, inserted_at, name, checksum) VALUES (?, now() AT TIME ZONE 'UTC', ?, ?)";

    private HistorySql() {
    }

    /** The history table of {@code schema}, qualified. */
    public static String in(String schema) {
        return Sql.identifier(schema) + "." + TABLE;
    }

    /** Creates the history table of {@code schema}, or does nothing when {@code ifMissing} and it exists. */
    public static String createIn(String schema, boolean ifMissing) {
        return "CREATE TABLE " + (ifMissing ? "IF NOT EXISTS " : "") + in(schema) + COLUMNS;
    }

    /** One insert statement (with literals) recording every one of {@code migrations}. */
    public static String insertAll(List<MigrationFile> migrations) {
        return "INSERT INTO " + TABLE + " (version, inserted_at, name, checksum) VALUES "
            + migrations.stream()
                .map(m -> "(" + m.version() + ", now() AT TIME ZONE 'UTC', " + Sql.literal(m.name()) + ", "
                    + Sql.literal(m.checksum()) + ")")
                .collect(Collectors.joining(", "))
            + ";";
    }

    /** Removes the history row of {@code migration}. */
    public static String delete(MigrationFile migration) {
        return "DELETE FROM " + TABLE + " WHERE version = " + migration.version() + ";";
    }
}
