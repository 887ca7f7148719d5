package dev.tenantmigrator.internal.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The histories a schema is expected to have, by {@linkplain Summary#digest digest}: every prefix of a
 * migration set, from nothing applied to everything. A schema whose trusted summary row has one of these
 * digests has exactly that history, and its table is not read.
 */
public final class KnownHistories {

    private static final KnownHistories NONE = new KnownHistories(Map.of());

    private final Map<String, NavigableMap<Long, Optional<String>>> byDigest;

    private KnownHistories(Map<String, NavigableMap<Long, Optional<String>>> byDigest) {
        this.byDigest = byDigest;
    }

    /** No history is known: every table is read. */
    public static KnownHistories none() {
        return NONE;
    }

    /** Every prefix of {@code versions} (oldest first, each with its checksum, empty for none). */
    public static KnownHistories prefixes(List<Map.Entry<Long, Optional<String>>> versions) {
        Map<String, NavigableMap<Long, Optional<String>>> byDigest = new HashMap<>();
        TreeMap<Long, Optional<String>> prefix = new TreeMap<>();
        byDigest.put(Summary.digest(prefix), SchemaHistory.freeze(prefix));
        for (Map.Entry<Long, Optional<String>> version : versions) {
            prefix.put(version.getKey(), version.getValue());
            byDigest.put(Summary.digest(prefix), SchemaHistory.freeze(prefix));
        }
        return new KnownHistories(byDigest);
    }

    /** The history a row describes, when it is known and its count and latest version agree with it. */
    Optional<NavigableMap<Long, Optional<String>>> find(CatalogRead.SummaryRow row) {
        NavigableMap<Long, Optional<String>> history = byDigest.get(row.digest());
        if (history == null || history.size() != row.applied()
            || !row.latest().equals(history.isEmpty() ? Optional.empty() : Optional.of(history.lastKey()))) {
            return Optional.empty();
        }
        return Optional.of(history);
    }
}
