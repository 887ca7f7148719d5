package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.unnest;
import static org.jooq.impl.DSL.val;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;

/**
 * Reads the history tables of a batch of schemas in one query, read-only: for each schema
 * {@code query_to_xml} runs a query on the server that folds its table into one line of
 * {@code version=checksum} pairs, a dynamic read per schema without a round trip or a giant
 * {@code UNION ALL} to plan. The schemas' tables are known to exist (see {@link CatalogRead}).
 */
final class HistoryBatchRead {

    private static final String REQUESTED = "requested";
    private static final Field<String> REQUESTED_NAME = field(name(REQUESTED, "name"), String.class);

    /** Folds a history into {@code <h>1=abc,3=def,2=</h>}, in no order: sorting would cost the server a third more. */
    private static final String FOLD_WITH_CHECKSUMS =
        "SELECT string_agg(%1$I::text || '=' || coalesce(%2$I, ''), ',') AS h FROM %3$I.%4$I";
    /** The same for a table Ecto made, which has no checksum column yet. */
    private static final String FOLD_VERSIONS = "SELECT string_agg(%1$I::text, ',') AS h FROM %3$I.%4$I";

    private HistoryBatchRead() {
    }

    /** Each schema's applied versions with their checksums, by schema name. */
    static Map<String, NavigableMap<Long, Optional<String>>> read(DSLContext dsl, List<String> schemas, boolean withChecksums,
                                                          Map<String, String> sharedChecksums) {
        Map<String, NavigableMap<Long, Optional<String>>> histories = new HashMap<>();
        query(dsl, schemas, withChecksums).fetch()
            .forEach(row -> histories.put(row.value1(), unfold(row.value2(), sharedChecksums)));
        return histories;
    }

    /** The query, for {@link #read} and for rendering ahead of time. */
    static ResultQuery<Record2<String, String>> query(DSLContext dsl, List<String> schemas, boolean withChecksums) {
        Field<String> folded = function("query_to_xml", SQLDataType.CLOB,
            function("format", SQLDataType.CLOB, inline(withChecksums ? FOLD_WITH_CHECKSUMS : FOLD_VERSIONS),
                inline(HistoryTable.VERSION.getName()), inline(HistoryTable.CHECKSUM.getName()), REQUESTED_NAME,
                inline(HistoryTable.TABLE)),
            inline(false), inline(true), inline(""));
        return dsl.select(REQUESTED_NAME, folded)
            .from(unnest(val(schemas.toArray(String[]::new), SQLDataType.CLOB.array())).as(REQUESTED, "name"));
    }

    /** {@code <row ...><h>1=abc,2=</h></row>} to versions with their checksums; equal checksums share one string. */
    private static NavigableMap<Long, Optional<String>> unfold(String xml, Map<String, String> sharedChecksums) {
        NavigableMap<Long, Optional<String>> checksums = new TreeMap<>();
        int start = xml.indexOf("<h>");
        if (start < 0) {
            return checksums;
        }
        String folded = xml.substring(start + 3, xml.indexOf("</h>", start));
        for (String entry : folded.split(",")) {
            int equals = entry.indexOf('=');
            long version = Long.parseLong(equals < 0 ? entry : entry.substring(0, equals));
            String checksum = equals < 0 ? "" : unescape(entry.substring(equals + 1));
            checksums.put(version, checksum.isEmpty() ? Optional.empty()
                : Optional.of(sharedChecksums.computeIfAbsent(checksum, c -> c)));
        }
        return checksums;
    }

    /** Undoes XML's escaping of text ({@code &amp;}, {@code &lt;}, ...): checksums are hex, but the table is anyone's to write. */
    private static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
            .replace("&amp;", "&");
    }
}
