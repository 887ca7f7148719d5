package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unnest;
import static org.jooq.impl.DSL.val;

import static org.jooq.impl.DSL.condition;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One catalog query for many schemas: which exist, which have a history table (with our columns or
 * as Ecto made it), which have recorded failures, which INVALID indexes each has, whether each history
 * table carries the summary's trigger as it should be, and (when asked for) each schema's summary row
 * where it can be trusted. It reads no table but the summary, so it locks nothing a migration waits for.
 */
final class CatalogRead {

    /**
     * What the catalog says of one schema; {@code invalidIndexes} are the names of its INVALID indexes, sorted;
     * {@code triggerRight} whether its history table has the summary's trigger, ours, enabled always, on every
     * write; {@code summary} its summary row when that trigger wrote it (absent when not asked for).
     */
    record Entry(boolean exists, boolean hasTable, boolean hasOurColumns, boolean hasFailures, List<String> invalidIndexes,
                 boolean triggerRight, Optional<SummaryRow> summary) {
        static final Entry MISSING = new Entry(false, false, false, false, List.of(), false, Optional.empty());
    }

    /** A summary row: the digest of the history, how many versions it holds and the latest. */
    record SummaryRow(String digest, int applied, Optional<Long> latest) {
    }

    /** Every requested schema's entry, and whether the summary's table and function exist in the main schema. */
    record Catalog(Map<String, Entry> entries, boolean summaryInstalled) {
        Entry entry(String schema) {
            return entries.getOrDefault(schema, Entry.MISSING);
        }
    }

    private static final String REQUESTED = "requested";
    private static final Field<String> REQUESTED_NAME = field(name(REQUESTED, "name"), String.class);
    private static final Field<Long> NAMESPACE = field(name("n", "oid"), Long.class);
    private static final Field<Long> HISTORY = field(name("h", "oid"), Long.class);
    private static final Field<Short> CHECKSUM_COLUMN = field(name("a", "attnum"), Short.class);
    private static final Field<Long> FAILURES = field(name("f", "oid"), Long.class);
    private static final Field<String[]> INVALID_NAMES = field(name("v", "names"), String[].class);
    private static final Field<String> DIGEST = field(name("s", "digest"), String.class);
    private static final Field<Integer> APPLIED = field(name("s", "applied"), Integer.class);
    private static final Field<Long> LATEST = field(name("s", "latest"), Long.class);
    /**
     * The INVALID indexes (a CREATE INDEX CONCURRENTLY that failed or was interrupted) of every schema: one
     * pass over pg_index, rare rows, joined to the requested schemas.
     */
    private static final Table<?> INVALID = select(field(name("c", "relnamespace"), Long.class).as("relnamespace"),
        arrayAgg(field(name("c", "relname"), String.class)).orderBy(field(name("c", "relname"))).as("names"))
        .from(table(name("pg_catalog", "pg_index")).as("i"))
        .join(table(name("pg_catalog", "pg_class")).as("c"))
        .on(field(name("c", "oid"), Long.class).eq(field(name("i", "indexrelid"), Long.class)))
        .where(field(name("i", "indisvalid"), Boolean.class).isFalse())
        .groupBy(field(name("c", "relnamespace")))
        .asTable("v");

    /** No INVALID index anywhere: what a read that does not look for them joins. */
    private static final Table<?> NO_INVALID = select(inline(null, Long.class).as("relnamespace"),
        inline(null, String[].class).as("names")).where(DSL.falseCondition()).asTable("v");

    private CatalogRead() {
    }

    /**
     * Each named schema's entry (a schema that does not exist is {@link Entry#MISSING}), with its summary row when
     * {@code withSummary}. Asked for the summary before the main schema has one, it reads the catalog without it;
     * only ask on a connection outside a transaction, where the failed query costs nothing.
     */
    static Catalog read(DSLContext dsl, List<String> schemas, Summary summary, boolean withSummary, boolean invalidIndexes) {
        if (withSummary) {
            try {
                return read(query(dsl, schemas, summary, true, invalidIndexes));
            } catch (DataAccessException e) {
                if (!"42P01".equals(e.sqlState())) {
                    throw e;
                }
            }
        }
        return read(query(dsl, schemas, summary, false, invalidIndexes));
    }

    /**
     * Reads the rows by position from JDBC's result set: on 10,000 schemas, making jOOQ records of them and reading
     * them by field took twice as long as the query itself, in a command's cold JVM.
     */
    private static Catalog read(ResultQuery<Record> query) {
        Map<String, Entry> entries = new HashMap<>();
        boolean installed = false;
        try (ResultSet rows = query.fetchResultSet()) {
            boolean withSummary = rows.getMetaData().getColumnCount() > INSTALLED_AT;
            while (rows.next()) {
                installed = rows.getBoolean(INSTALLED_AT);
                rows.getLong(NAMESPACE_AT);
                if (rows.wasNull()) {
                    continue;
                }
                rows.getLong(HISTORY_AT);
                boolean hasTable = !rows.wasNull();
                rows.getShort(CHECKSUM_AT);
                boolean hasOurColumns = !rows.wasNull();
                rows.getLong(FAILURES_AT);
                boolean hasFailures = !rows.wasNull();
                Array invalid = rows.getArray(INVALID_AT);
                String digest = withSummary ? rows.getString(DIGEST_AT) : null;
                Optional<SummaryRow> summary = Optional.empty();
                if (digest != null) {
                    int applied = rows.getInt(APPLIED_AT);
                    long latest = rows.getLong(LATEST_AT);
                    summary = Optional.of(new SummaryRow(digest, applied, rows.wasNull() ? Optional.empty() : Optional.of(latest)));
                }
                entries.put(rows.getString(NAME_AT), new Entry(true, hasTable, hasOurColumns, hasFailures,
                    invalid == null ? List.of() : List.of((String[]) invalid.getArray()), rows.getBoolean(TRIGGER_AT), summary));
            }
        } catch (SQLException e) {
            throw new DataAccessException("The catalog could not be read: " + e.getMessage(), e);
        }
        return new Catalog(entries, installed);
    }

    /** The columns' positions, in the order {@link #query} selects them (JDBC counts from 1). */
    private static final int NAME_AT = 1;
    private static final int NAMESPACE_AT = 2;
    private static final int HISTORY_AT = 3;
    private static final int CHECKSUM_AT = 4;
    private static final int FAILURES_AT = 5;
    private static final int INVALID_AT = 6;
    private static final int TRIGGER_AT = 7;
    private static final int INSTALLED_AT = 8;
    private static final int DIGEST_AT = 9;
    private static final int APPLIED_AT = 10;
    private static final int LATEST_AT = 11;

    private static final Field<Boolean> TRIGGER_RIGHT = field(name("trigger_right"), Boolean.class);
    private static final Field<Boolean> INSTALLED = field(name("summary_installed"), Boolean.class);

    /**
     * The query, for {@link #read} and for rendering ahead of time; without {@code invalidIndexes} it takes only
     * indexed lookups (the INVALID indexes need a pass over pg_index, worth it for many schemas, not for one).
     */
    static ResultQuery<Record> query(DSLContext dsl, List<String> schemas, Summary summary, boolean withSummary,
                                     boolean invalidIndexes) {
        Field<Long> function = field("(SELECT to_regprocedure({0})::oid)", Long.class, val(summary.function()));
        Condition triggerRight = field(name("t", "oid")).isNotNull()
            .and(field(name("t", "tgenabled"), String.class).eq(inline("A")))
            .and(field(name("t", "tgfoid"), Long.class).eq(function))
            .and(field(name("t", "tgtype"), Integer.class).eq(inline(Summary.TRIGGER_TYPE)))
            .and(field(name("t", "tgqual")).isNull())
            .and(condition("cardinality({0}::int2[]) = 0", field(name("t", "tgattr"))));
        Condition installed = condition("(SELECT to_regclass({0}) IS NOT NULL)", val(summary.table())).and(function.isNotNull())
            .and(condition("(SELECT to_regprocedure({0}) IS NOT NULL)", val(summary.schemaFunction())));
        List<Field<?>> columns = new ArrayList<>(List.of(REQUESTED_NAME, NAMESPACE, HISTORY, CHECKSUM_COLUMN, FAILURES,
            INVALID_NAMES, DSL.field(triggerRight).as(TRIGGER_RIGHT.getName()), DSL.field(installed).as(INSTALLED.getName())));
        if (withSummary) {
            columns.addAll(List.of(DIGEST, APPLIED, LATEST));
        }
        var from = dsl.select(columns)
            .from(unnest(val(schemas.toArray(String[]::new), SQLDataType.CLOB.array())).as(REQUESTED, "name"))
            // Every requested name gives a row, so the summary's presence is told even when no schema exists yet.
            .leftJoin(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "nspname"), String.class).eq(REQUESTED_NAME))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("h"))
            .on(isTable("h", HistoryTable.TABLE))
            .leftJoin(table(name("pg_catalog", "pg_attribute")).as("a"))
            .on(field(name("a", "attrelid"), Long.class).eq(HISTORY)
                .and(field(name("a", "attname"), String.class).eq(inline(HistoryTable.CHECKSUM.getName())))
                .and(field(name("a", "attisdropped"), Boolean.class).isFalse()))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("f"))
            .on(isTable("f", FailureTable.TABLE))
            .leftJoin(invalidIndexes ? INVALID : NO_INVALID)
            .on(field(name("v", "relnamespace"), Long.class).eq(NAMESPACE))
            .leftJoin(table(name("pg_catalog", "pg_trigger")).as("t"))
            .on(field(name("t", "tgrelid"), Long.class).eq(HISTORY)
                .and(field(name("t", "tgname"), String.class).eq(inline(Summary.TRIGGER))));
        if (!withSummary) {
            return from;
        }
        // A row is the trigger's only while that very trigger is there: one dropped and made again, or disabled and
        // enabled again (writes in between went unseen), has a new pg_trigger row and so a new xmin.
        return from.leftJoin(table(name(summary.mainName(), Summary.TABLE)).as("s"))
            .on(field(name("s", "history_table"), Long.class).eq(HISTORY)
                .and(field(name("s", "schema_name"), String.class).eq(field(name("n", "nspname"), String.class)))
                .and(condition("{0} = {1}", field(name("s", "trigger_xmin")), field(name("t", "xmin"))))
                .and(triggerRight));
    }

    private static Condition isTable(String alias, String table) {
        return field(name(alias, "relnamespace"), Long.class).eq(NAMESPACE)
            .and(field(name(alias, "relname"), String.class).eq(inline(table)))
            .and(field(name(alias, "relkind"), String.class).in(inline("r"), inline("p")));
    }
}
