package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.tenantmigrator.internal.SchemaRef;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
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
 * The per-schema history table {@code schema_migrations}: its columns and its DDL. The first two
 * columns are Ecto's, so a database migrated by Ecto reads as-is; the columns after them are ours,
 * nullable, and added when missing. All SQL is built with jOOQ from quoted names.
 */
final class HistoryTable {

    static final String TABLE = "schema_migrations";

    static final Field<Long> VERSION = field(name("version"), SQLDataType.BIGINT);
    static final Field<LocalDateTime> INSERTED_AT = field(name("inserted_at"), SQLDataType.LOCALDATETIME(0));
    static final Field<String> NAME = field(name("name"), SQLDataType.CLOB);
    static final Field<String> CHECKSUM = field(name("checksum"), SQLDataType.CLOB);
    static final Field<Integer> EXECUTION_MS = field(name("execution_ms"), SQLDataType.INTEGER);

    /** Our columns beyond Ecto's, each added when missing. */
    private static final List<Field<?>> EXTRA_COLUMNS = List.of(NAME, CHECKSUM, EXECUTION_MS);

    static final Settings SETTINGS = new Settings().withExecuteLogging(false).withRenderSchema(true);

    private HistoryTable() {
    }

    static DSLContext dsl(Handle handle) {
        return DSL.using(handle.getConnection(), SQLDialect.POSTGRES, SETTINGS);
    }

    static Table<?> in(SchemaRef schema) {
        return table(name(schema.name(), TABLE));
    }

    /**
     * Creates what the history read under the schema's lock says is missing: the schema, the table,
     * or our columns in a table Ecto made; true when it changed anything. Under the lock, the read
     * and the DDL after it cannot race.
     */
    static boolean ensure(DSLContext dsl, SchemaHistory history) {
        SchemaRef schema = history.schema();
        if (!history.exists()) {
            dsl.createSchema(name(schema.name())).execute();
        }
        if (!history.hasTable()) {
            dsl.createTable(in(schema))
                .column(VERSION.getName(), SQLDataType.BIGINT.notNull())
                .column(INSERTED_AT.getName(), SQLDataType.LOCALDATETIME(0).null_())
                .columns(EXTRA_COLUMNS.stream().map(column -> field(column.getUnqualifiedName(), column.getDataType().null_())).toList())
                .primaryKey(VERSION.getName())
                .execute();
            return true;
        }
        if (history.hasOurColumns()) {
            return false;
        }
        Set<String> present = columns(dsl, schema);
        for (Field<?> column : EXTRA_COLUMNS) {
            if (!present.contains(column.getName())) {
                dsl.alterTable(in(schema)).addColumn(column.getUnqualifiedName(), column.getDataType().null_()).execute();
            }
        }
        return true;
    }

    /** The table's columns, read from pg_attribute: information_schema slows down as tenants add tables. */
    static Set<String> columns(DSLContext dsl, SchemaRef schema) {
        Field<String> column = field(name("attname"), String.class);
        String qualified = schema.quoted() + "." + '"' + TABLE + '"';
        return dsl.select(column)
            .from(table(name("pg_catalog", "pg_attribute")))
            .where(field(name("attrelid")).eq(field("to_regclass({0})", Object.class, DSL.val(qualified))))
            .and(field(name("attnum"), Integer.class).gt(inline(0)))
            .and(field(name("attisdropped"), Boolean.class).isFalse())
            .fetch(column).stream().collect(Collectors.toSet());
    }
}
