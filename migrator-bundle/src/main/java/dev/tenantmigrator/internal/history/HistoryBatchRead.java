package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unnest;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * One query that reads the history of a batch of schemas, read-only and without locks. The catalog
 * says which schemas and history tables exist, and for each table {@code query_to_xml} runs
 * {@code SELECT version FROM <schema>.schema_migrations} on the server: a dynamic read per schema
 * without a round trip or a giant {@code UNION ALL} to plan, close to a server-side loop's cost.
 */
final class HistoryBatchRead {

    private static final Pattern VERSION_ELEMENT = Pattern.compile("<version>(-?[0-9]+)</version>");

    private static final Table<?> REQUESTED = table(name("requested"));
    private static final Field<String> REQUESTED_NAME = field(name("requested", "name"), String.class);
    private static final Field<Long> NAMESPACE_OID = field(name("n", "oid"), Long.class);
    private static final Field<Long> TABLE_OID = field(name("c", "oid"), Long.class);

    private HistoryBatchRead() {
    }

    /** The history of each schema, in the order given. */
    static List<SchemaHistory> read(DSLContext dsl, List<SchemaRef> schemas) {
        String[] names = schemas.stream().map(SchemaRef::name).toArray(String[]::new);
        Field<String> versionsXml = when(TABLE_OID.isNotNull(), function("query_to_xml", SQLDataType.CLOB,
            function("format", SQLDataType.CLOB, inline("SELECT %I FROM %I.%I"), inline(HistoryTable.VERSION.getName()),
                REQUESTED_NAME, inline(HistoryTable.TABLE)),
            inline(false), inline(true), inline("")));
        Map<String, Record4<String, Long, Long, String>> rows = new HashMap<>();
        dsl.select(REQUESTED_NAME, NAMESPACE_OID, TABLE_OID, versionsXml)
            .from(unnest(val(names, SQLDataType.CLOB.array())).as(REQUESTED.getName(), "name"))
            .leftJoin(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "nspname"), String.class).eq(REQUESTED_NAME))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("c"))
            .on(field(name("c", "relnamespace"), Long.class).eq(NAMESPACE_OID)
                .and(field(name("c", "relname"), String.class).eq(inline(HistoryTable.TABLE)))
                .and(field(name("c", "relkind"), String.class).in(inline("r"), inline("p"))))
            .fetch()
            .forEach(row -> rows.put(row.value1(), row));
        List<SchemaHistory> histories = new ArrayList<>(schemas.size());
        for (SchemaRef schema : schemas) {
            histories.add(history(schema, rows.get(schema.name())));
        }
        return histories;
    }

    private static SchemaHistory history(SchemaRef schema, Record4<String, Long, Long, String> row) {
        if (row == null || row.value2() == null) {
            return SchemaHistory.missing(schema);
        }
        if (row.value3() == null) {
            return new SchemaHistory(schema, true, false, new TreeSet<>());
        }
        return SchemaHistory.of(schema, versions(row.value4()));
    }

    private static NavigableSet<Long> versions(String xml) {
        NavigableSet<Long> versions = new TreeSet<>();
        Matcher m = VERSION_ELEMENT.matcher(xml);
        while (m.find()) {
            versions.add(Long.parseLong(m.group(1)));
        }
        return versions;
    }
}
