package dev.tenantmigrator.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.tenantmigrator.Migration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The per-schema history table {@code schema_migrations}. Its first two columns are Ecto's, so a
 * database migrated by Ecto reads as-is; the columns after them are ours, nullable, and added when
 * missing. All SQL is built with jOOQ from quoted names.
 */
public final class HistoryTable {

    public static final String TABLE = "schema_migrations";

    static final Field<Long> VERSION = field(name("version"), SQLDataType.BIGINT);
    static final Field<LocalDateTime> INSERTED_AT = field(name("inserted_at"), SQLDataType.LOCALDATETIME(0));
    private static final Field<String> NAME = field(name("name"), SQLDataType.CLOB);
    private static final Field<String> CHECKSUM = field(name("checksum"), SQLDataType.CLOB);
    private static final Field<Integer> EXECUTION_MS = field(name("execution_ms"), SQLDataType.INTEGER);

    /** Our columns beyond Ecto's, each added when missing. */
    private static final List<Field<?>> EXTRA_COLUMNS = List.of(NAME, CHECKSUM, EXECUTION_MS);

    static {
        // jOOQ otherwise prints a banner and tips on first use, into every command's output.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private HistoryTable() {
    }

    static DSLContext dsl(Handle handle) {
        return DSL.using(handle.getConnection(), SQLDialect.POSTGRES,
            new Settings().withExecuteLogging(false).withRenderSchema(true));
    }

    static Table<?> of(String schema) {
        return table(name(schema, TABLE));
    }

    /**
     * Creates the schema and the table when missing, and adds any of our columns the table lacks (a
     * table made by Ecto has only the first two). Runs under the schema's lock, so the catalog read
     * and the DDL after it cannot race.
     */
    static void ensure(Handle handle, String schema) {
        DSLContext dsl = dsl(handle);
        dsl.createSchemaIfNotExists(name(schema)).execute();
        Set<String> present = columns(dsl, schema);
        if (present.isEmpty()) {
            dsl.createTable(of(schema))
                .column(VERSION.getName(), SQLDataType.BIGINT.notNull())
                .column(INSERTED_AT.getName(), SQLDataType.LOCALDATETIME(0).null_())
                .columns(EXTRA_COLUMNS.stream().map(column -> field(column.getUnqualifiedName(), column.getDataType().null_())).toList())
                .primaryKey(VERSION.getName())
                .execute();
            return;
        }
        for (Field<?> column : EXTRA_COLUMNS) {
            if (!present.contains(column.getName())) {
                dsl.alterTable(of(schema)).addColumn(column.getUnqualifiedName(), column.getDataType().null_()).execute();
            }
        }
    }

    /** The table's columns, read from pg_attribute: information_schema slows down as tenants add tables. */
    private static Set<String> columns(DSLContext dsl, String schema) {
        Field<String> column = field(name("attname"), String.class);
        String qualified = SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(TABLE);
        return dsl.select(column)
            .from(table(name("pg_catalog", "pg_attribute")))
            .where(field(name("attrelid")).eq(field("to_regclass({0})", Object.class, DSL.val(qualified))))
            .and(field(name("attnum"), Integer.class).gt(inline(0)))
            .and(field(name("attisdropped"), Boolean.class).isFalse())
            .fetch(column).stream().collect(Collectors.toSet());
    }

    /** The versions applied in one schema, read under that schema's lock. */
    static NavigableSet<Long> versions(Handle handle, String schema) {
        List<Long> versions = dsl(handle).select(VERSION).from(of(schema)).fetch(VERSION);
        return new TreeSet<>(versions);
    }

    static void insert(Handle handle, String schema, Migration migration, long executionMillis) {
        dsl(handle).insertInto(of(schema))
            .columns(VERSION, INSERTED_AT, NAME, CHECKSUM, EXECUTION_MS)
            .values(migration.version(), LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                migration.name(), migration.checksum(), (int) Math.min(Integer.MAX_VALUE, executionMillis))
            .execute();
    }

    static void delete(Handle handle, String schema, long version) {
        dsl(handle).deleteFrom(of(schema)).where(VERSION.eq(version)).execute();
    }
}
