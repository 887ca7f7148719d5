package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.Summary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * What one schema holds, as a snapshot to compare with another: each object (see {@link ObjectKind})
 * with its definition, the migrator's history tables left out. Immutable.
 */
final class SchemaCatalog {

    /** The migrator's own tables and the summary's trigger function: not the migrations' objects. */
    private static final List<String> IGNORED = Stream.concat(HistoryStore.TABLES.stream(), Stream.of(Summary.FUNCTION, Summary.SCHEMA_FUNCTION)).toList();

    private final SortedMap<SchemaObject, String> objects;

    SchemaCatalog(SortedMap<SchemaObject, String> objects) {
        this.objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /**
     * Reads the schema's catalog. The search path is the schema alone while it reads, so the
     * definitions name its own objects without the schema and anything elsewhere with it.
     */
    static SchemaCatalog read(Jdbi jdbi, SchemaRef schema) {
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT set_config('search_path', :path, true)").bind("path", schema.quoted())
                .mapTo(String.class).one();
            SortedMap<SchemaObject, String> objects = new TreeMap<>();
            handle.createQuery(CatalogQuery.SQL)
                .bind("schema", schema.name())
                .bindArray("ignored", String.class, IGNORED)
                .map((row, context) -> Map.entry(new SchemaObject(ObjectKind.valueOf(row.getString(1)), row.getString(2)),
                    Optional.ofNullable(row.getString(3)).orElse("")))
                .forEach(object -> objects.put(object.getKey(), object.getValue()));
            return new SchemaCatalog(objects);
        });
    }

    /** The objects and their definitions, in reporting order. */
    SortedMap<SchemaObject, String> objects() {
        return objects;
    }

    /** Whether the schema held the object. */
    boolean contains(SchemaObject object) {
        return objects.containsKey(object);
    }

    /** How this catalog differs from {@code expected}, in reporting order; empty when they are the same. */
    List<CatalogDifference> differencesFrom(SchemaCatalog expected) {
        TreeSet<SchemaObject> all = new TreeSet<>(objects.keySet());
        all.addAll(expected.objects.keySet());
        List<CatalogDifference> differences = new ArrayList<>();
        for (SchemaObject object : all) {
            Optional<String> was = Optional.ofNullable(expected.objects.get(object));
            Optional<String> is = Optional.ofNullable(objects.get(object));
            if (!was.equals(is)) {
                differences.add(new CatalogDifference(object, was, is));
            }
        }
        return differences;
    }
}
