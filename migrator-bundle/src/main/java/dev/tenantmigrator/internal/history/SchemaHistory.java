package dev.tenantmigrator.internal.history;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the catalog and the history tables say of one schema.
 *
 * @param schema the schema
 * @param exists whether the schema exists
 * @param hasTable whether it has a {@code schema_migrations} table
 * @param hasOurColumns whether that table has the columns this library adds to Ecto's two (a table
 *     Ecto made has not, until this library first migrates the schema)
 * @param checksums each applied version, oldest first, with the checksum recorded for it (empty for a
 *     row made by Ecto or an older version of this library)
 * @param failures migrations that failed outside a transaction (or started and never finished) and
 *     are recorded as such
 * @param invalidIndexes the schema's INVALID indexes, by name: left by a {@code CREATE INDEX
 *     CONCURRENTLY} that failed or was interrupted; queries do not use them
 * @param summaryNeed what the summary of this history lacks, for up to mend under the schema's lock
 */
public record SchemaHistory(SchemaRef schema, boolean exists, boolean hasTable, boolean hasOurColumns,
                            NavigableMap<Long, Optional<String>> checksums,
                            List<RecordedFailure> failures, List<String> invalidIndexes, SummaryNeed summaryNeed) {

    /** The class of the maps this record keeps: one of them, frozen here or by {@link KnownHistories}, is kept as it is. */
    private static final Class<?> FROZEN = Collections.unmodifiableNavigableMap(new TreeMap<>()).getClass();

    public SchemaHistory {
        // A fleet read vouched for by the summary gives 100,000 schemas one shared history: a copy each would be most
        // of the heap. Only this record and KnownHistories wrap maps this way, each around a copy of its own.
        checksums = checksums.getClass() == FROZEN ? checksums : freeze(checksums);
        failures = List.copyOf(failures);
        invalidIndexes = List.copyOf(invalidIndexes);
    }

    /** A history whose summary lacks nothing. */
    public SchemaHistory(SchemaRef schema, boolean exists, boolean hasTable, boolean hasOurColumns,
                         NavigableMap<Long, Optional<String>> checksums, List<RecordedFailure> failures,
                         List<String> invalidIndexes) {
        this(schema, exists, hasTable, hasOurColumns, checksums, failures, invalidIndexes, SummaryNeed.NONE);
    }

    /** A history without INVALID indexes. */
    public SchemaHistory(SchemaRef schema, boolean exists, boolean hasTable, boolean hasOurColumns,
                         NavigableMap<Long, Optional<String>> checksums, List<RecordedFailure> failures) {
        this(schema, exists, hasTable, hasOurColumns, checksums, failures, List.of());
    }

    /** A schema that does not exist. */
    public static SchemaHistory missing(SchemaRef schema) {
        return new SchemaHistory(schema, false, false, false, new TreeMap<>(), List.of());
    }

    /** An existing schema without a history table. */
    public static SchemaHistory withoutTable(SchemaRef schema) {
        return new SchemaHistory(schema, true, false, false, new TreeMap<>(), List.of());
    }

    /** An existing schema whose history holds these versions, without checksums or failures; for tests and callers that only count. */
    public static SchemaHistory of(SchemaRef schema, NavigableSet<Long> applied) {
        TreeMap<Long, Optional<String>> checksums = new TreeMap<>();
        applied.forEach(version -> checksums.put(version, Optional.empty()));
        return new SchemaHistory(schema, true, true, true, checksums, List.of());
    }

    /** An existing schema whose history table has all of our columns, with this history. */
    public static SchemaHistory of(SchemaRef schema, Map<Long, Optional<String>> checksums, List<RecordedFailure> failures) {
        return new SchemaHistory(schema, true, true, true, new TreeMap<>(checksums), failures);
    }

    /** An unchangeable copy of {@code checksums}, which a history may share with other histories. */
    static NavigableMap<Long, Optional<String>> freeze(Map<Long, Optional<String>> checksums) {
        return Collections.unmodifiableNavigableMap(new TreeMap<>(checksums));
    }

    /** The applied versions, oldest first. */
    public NavigableSet<Long> applied() {
        return checksums.navigableKeySet();
    }
}
