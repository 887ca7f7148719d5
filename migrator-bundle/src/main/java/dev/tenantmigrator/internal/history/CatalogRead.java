package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unnest;
import static org.jooq.impl.DSL.val;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * One catalog query for many schemas: which exist, which have a history table (with our columns or
 * as Ecto made it), which have recorded failures, and which INVALID indexes each has. It reads no
 * table, so it takes no lock.
 */
final class CatalogRead {

    /** What the catalog says of one schema; {@code invalidIndexes} are the names of its INVALID indexes, sorted. */
    record Entry(boolean exists, boolean hasTable, boolean hasOurColumns, boolean hasFailures, List<String> invalidIndexes) {
        static final Entry MISSING = new Entry(false, false, false, false, List.of());
    }

    private static final String REQUESTED = "requested";
    private static final Field<String> REQUESTED_NAME = field(name(REQUESTED, "name"), String.class);
    private static final Field<Long> NAMESPACE = field(name("n", "oid"), Long.class);
    private static final Field<Long> HISTORY = field(name("h", "oid"), Long.class);
    private static final Field<Short> CHECKSUM_COLUMN = field(name("a", "attnum"), Short.class);
    private static final Field<Long> FAILURES = field(name("f", "oid"), Long.class);
    private static final Field<String[]> INVALID_NAMES = field(name("v", "names"), String[].class);
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

    private CatalogRead() {
    }

    /** Each named schema's entry; a schema that does not exist is {@link Entry#MISSING}. */
    static Map<String, Entry> read(DSLContext dsl, List<String> schemas) {
        Map<String, Entry> entries = new HashMap<>();
        query(dsl, schemas)
            .fetch()
            .forEach(row -> entries.put(row.value1(), new Entry(true, row.value3() != null, row.value4() != null,
                row.value5() != null, row.value6() == null ? List.of() : List.of(row.value6()))));
        return entries;
    }

    /** The query, for {@link #read} and for rendering ahead of time. */
    static ResultQuery<Record6<String, Long, Long, Short, Long, String[]>> query(DSLContext dsl, List<String> schemas) {
        return dsl.select(REQUESTED_NAME, NAMESPACE, HISTORY, CHECKSUM_COLUMN, FAILURES, INVALID_NAMES)
            .from(unnest(val(schemas.toArray(String[]::new), SQLDataType.CLOB.array())).as(REQUESTED, "name"))
            .join(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "nspname"), String.class).eq(REQUESTED_NAME))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("h"))
            .on(isTable("h", HistoryTable.TABLE))
            .leftJoin(table(name("pg_catalog", "pg_attribute")).as("a"))
            .on(field(name("a", "attrelid"), Long.class).eq(HISTORY)
                .and(field(name("a", "attname"), String.class).eq(inline(HistoryTable.CHECKSUM.getName())))
                .and(field(name("a", "attisdropped"), Boolean.class).isFalse()))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("f"))
            .on(isTable("f", FailureTable.TABLE))
            .leftJoin(INVALID)
            .on(field(name("v", "relnamespace"), Long.class).eq(NAMESPACE));
    }

    private static Condition isTable(String alias, String table) {
        return field(name(alias, "relnamespace"), Long.class).eq(NAMESPACE)
            .and(field(name(alias, "relname"), String.class).eq(inline(table)))
            .and(field(name(alias, "relkind"), String.class).in(inline("r"), inline("p")));
    }
}
