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
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * One query that reads the histories of a batch of schemas, read-only and without locks. The
 * catalog says which schemas and tables exist; for each history table {@code query_to_xml} runs a
 * query on the server that folds the table into one line of {@code version=checksum} pairs: a
 * dynamic read per schema without a round trip or a giant {@code UNION ALL} to plan, close to the
 * cost of a server-side loop. The rare failure tables are read whole.
 */
final class HistoryBatchRead {

    private static final String REQUESTED = "requested";
    private static final Field<String> REQUESTED_NAME = field(name(REQUESTED, "name"), String.class);
    private static final Field<Long> NAMESPACE = field(name("n", "oid"), Long.class);
    private static final Field<Long> HISTORY = field(name("c", "oid"), Long.class);
    private static final Field<Short> CHECKSUM_COLUMN = field(name("a", "attnum"), Short.class);
    private static final Field<Long> FAILURES = field(name("f", "oid"), Long.class);

    /** Folds a history into {@code <h>1=abc,2=,3=def</h>}; the checksum column is missing from a table Ecto made. */
    private static final String FOLD_WITH_CHECKSUMS =
        "SELECT string_agg(%1$I::text || '=' || coalesce(%2$I, ''), ',' ORDER BY %1$I) AS h FROM %3$I.%4$I";
    private static final String FOLD_VERSIONS = "SELECT string_agg(%1$I::text, ',' ORDER BY %1$I) AS h FROM %3$I.%4$I";
    private static final String READ_FAILURES = "SELECT %1$I, %2$I, %3$I, %4$I FROM %5$I.%6$I ORDER BY %1$I";

    private HistoryBatchRead() {
    }

    /** The history of each schema, in the order given. */
    static List<SchemaHistory> read(DSLContext dsl, List<SchemaRef> schemas) {
        String[] names = schemas.stream().map(SchemaRef::name).toArray(String[]::new);
        Field<String> folded = when(HISTORY.isNotNull(), xml(function("format", SQLDataType.CLOB,
            when(CHECKSUM_COLUMN.isNotNull(), inline(FOLD_WITH_CHECKSUMS)).otherwise(inline(FOLD_VERSIONS)),
            inline(HistoryTable.VERSION.getName()), inline(HistoryTable.CHECKSUM.getName()), REQUESTED_NAME,
            inline(HistoryTable.TABLE)), true));
        Field<String> failures = when(FAILURES.isNotNull(), xml(function("format", SQLDataType.CLOB, inline(READ_FAILURES),
            inline(FailureTable.VERSION.getName()), inline(FailureTable.NAME.getName()), inline(FailureTable.ERROR.getName()),
            inline(FailureTable.FAILED_AT.getName()), REQUESTED_NAME, inline(FailureTable.TABLE)), false));
        Map<String, Record> rows = new HashMap<>();
        dsl.select(REQUESTED_NAME, NAMESPACE, HISTORY, CHECKSUM_COLUMN, folded, failures)
            .from(unnest(val(names, SQLDataType.CLOB.array())).as(REQUESTED, "name"))
            .leftJoin(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "nspname"), String.class).eq(REQUESTED_NAME))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("c"))
            .on(isTable("c", HistoryTable.TABLE))
            .leftJoin(table(name("pg_catalog", "pg_attribute")).as("a"))
            .on(field(name("a", "attrelid"), Long.class).eq(HISTORY)
                .and(field(name("a", "attname"), String.class).eq(inline(HistoryTable.CHECKSUM.getName())))
                .and(field(name("a", "attisdropped"), Boolean.class).isFalse()))
            .leftJoin(table(name("pg_catalog", "pg_class")).as("f"))
            .on(isTable("f", FailureTable.TABLE))
            .fetch()
            .forEach(row -> rows.put(row.get(REQUESTED_NAME), row));
        Map<String, String> sharedChecksums = new HashMap<>();
        List<SchemaHistory> histories = new ArrayList<>(schemas.size());
        for (SchemaRef schema : schemas) {
            Record row = rows.get(schema.name());
            if (row == null || row.get(NAMESPACE) == null) {
                histories.add(SchemaHistory.missing(schema));
            } else if (row.get(HISTORY) == null) {
                histories.add(SchemaHistory.withoutTable(schema));
            } else {
                histories.add(new SchemaHistory(schema, true, true, row.get(CHECKSUM_COLUMN) != null,
                    new TreeMap<>(unfold(row.get(folded), sharedChecksums)),
                    row.get(failures) == null ? List.of() : FailureTable.parse(row.get(failures))));
            }
        }
        return histories;
    }

    private static org.jooq.Condition isTable(String alias, String table) {
        return field(name(alias, "relnamespace"), Long.class).eq(NAMESPACE)
            .and(field(name(alias, "relname"), String.class).eq(inline(table)))
            .and(field(name(alias, "relkind"), String.class).in(inline("r"), inline("p")));
    }

    private static Field<String> xml(Field<String> query, boolean forest) {
        return function("query_to_xml", SQLDataType.CLOB, query, inline(false), inline(forest), inline(""));
    }

    /** {@code <row ...><h>1=abc,2=</h></row>} to versions with their checksums; equal checksums share one string. */
    private static Map<Long, Optional<String>> unfold(String xml, Map<String, String> sharedChecksums) {
        Map<Long, Optional<String>> checksums = new TreeMap<>();
        int start = xml.indexOf("<h>");
        if (start < 0) {
            return checksums;
        }
        String folded = xml.substring(start + 3, xml.indexOf("</h>", start));
        for (String entry : folded.split(",")) {
            int equals = entry.indexOf('=');
            long version = Long.parseLong(equals < 0 ? entry : entry.substring(0, equals));
            String checksum = equals < 0 ? "" : Xml.unescape(entry.substring(equals + 1));
            checksums.put(version, checksum.isEmpty() ? Optional.empty()
                : Optional.of(sharedChecksums.computeIfAbsent(checksum, c -> c)));
        }
        return checksums;
    }
}
