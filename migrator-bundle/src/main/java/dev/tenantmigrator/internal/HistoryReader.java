package dev.tenantmigrator.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Reads the history of many schemas at once, without locks or writes: one catalog query for which
 * schemas and history tables exist, then one {@code UNION ALL} query per batch of schemas.
 */
public final class HistoryReader {

    /** Schemas per history query: large enough to save round trips, small enough to plan quickly. */
    static final int BATCH_SIZE = 200;

    private HistoryReader() {
    }

    /** The history of each schema, in the order given; a missing schema or table reads as empty. */
    public static Map<String, SchemaHistory> read(Handle handle, Collection<String> schemas) {
        DSLContext dsl = HistoryTable.dsl(handle);
        Map<String, Boolean> catalog = catalog(dsl, schemas);
        List<String> withTable = new ArrayList<>();
        catalog.forEach((schema, hasTable) -> {
            if (hasTable) {
                withTable.add(schema);
            }
        });
        Map<String, NavigableSet<Long>> versions = new HashMap<>();
        for (int from = 0; from < withTable.size(); from += BATCH_SIZE) {
            readVersions(dsl, withTable.subList(from, Math.min(withTable.size(), from + BATCH_SIZE)), versions);
        }
        Map<String, SchemaHistory> histories = new LinkedHashMap<>();
        for (String schema : schemas) {
            Boolean hasTable = catalog.get(schema);
            histories.put(schema, hasTable == null
                ? SchemaHistory.missing(schema)
                : new SchemaHistory(schema, true, hasTable, versions.getOrDefault(schema, new TreeSet<>())));
        }
        return histories;
    }

    /** Existing schemas among {@code schemas}, each with whether it has a history table. */
    private static Map<String, Boolean> catalog(DSLContext dsl, Collection<String> schemas) {
        Field<String> schemaName = field(name("n", "nspname"), String.class);
        Field<String> tableName = field(name("c", "relname"), String.class);
        Map<String, Boolean> catalog = new HashMap<>();
        dsl.select(schemaName, tableName)
            .from(table(name("pg_catalog", "pg_namespace")).as("n"))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("c"))
            .on(field(name("c", "relnamespace")).eq(field(name("n", "oid")))
                .and(tableName.eq(inline(HistoryTable.TABLE)))
                .and(field(name("c", "relkind"), String.class).in(inline("r"), inline("p"))))
            .where(schemaName.eq(DSL.any(schemas.toArray(String[]::new))))
            .fetch()
            .forEach(row -> catalog.merge(row.value1(), row.value2() != null, Boolean::logicalOr));
        return catalog;
    }

    private static void readVersions(DSLContext dsl, List<String> schemas, Map<String, NavigableSet<Long>> into) {
        Field<String> schemaColumn = field(name("schema_name"), String.class);
        Select<Record2<String, Long>> union = null;
        for (String schema : schemas) {
            Select<Record2<String, Long>> one = dsl.select(inline(schema).as(schemaColumn.getName()), HistoryTable.VERSION)
                .from(HistoryTable.of(schema));
            union = union == null ? one : union.unionAll(one);
        }
        union.fetch().forEach(row -> into.computeIfAbsent(row.value1(), s -> new TreeSet<>()).add(row.value2()));
    }
}
