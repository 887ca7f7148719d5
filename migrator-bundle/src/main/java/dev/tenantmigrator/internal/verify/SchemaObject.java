package dev.tenantmigrator.internal.verify;

import java.util.Comparator;

/**
 * One object of a schema's catalog, by kind and a name unique within that kind, e.g. the index
 * {@code notes_body} or the column {@code notes.body}. Objects that belong to a table (constraints,
 * triggers, policies, rules) are named {@code name on table}; functions with their argument types.
 *
 * @param kind what sort of object it is
 * @param name its name in the schema, without the schema
 */
record SchemaObject(ObjectKind kind, String name) implements Comparable<SchemaObject> {

    private static final Comparator<SchemaObject> ORDER =
        Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name);

    /** e.g. {@code index notes_body}, {@code the default of column notes.title}. */
    String label() {
        return kind.label() + " " + name;
    }

    @Override
    public int compareTo(SchemaObject other) {
        return ORDER.compare(this, other);
    }
}
