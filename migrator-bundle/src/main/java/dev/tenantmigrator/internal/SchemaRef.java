package dev.tenantmigrator.internal;

import java.util.Objects;

/**
 * A schema name that may reach SQL: the main schema, or a tenant name that passed {@link TenantNames}.
 * There is no other way to make one, and {@link #quoted()} is the one way to render it outside jOOQ.
 */
public final class SchemaRef {

    private final String name;
    private final boolean tenant;

    private SchemaRef(String name, boolean tenant) {
        this.name = Objects.requireNonNull(name, "name");
        this.tenant = tenant;
    }

    /** The main (shared) schema, named in the settings. */
    public static SchemaRef main(String name) {
        return new SchemaRef(name, false);
    }

    /** Only {@link TenantNames} makes tenant references, after checking the name. */
    static SchemaRef tenant(String checkedName) {
        return new SchemaRef(checkedName, true);
    }

    /** The schema's name as PostgreSQL knows it. */
    public String name() {
        return name;
    }

    /** Whether this is a tenant schema (false for the main schema). */
    public boolean isTenant() {
        return tenant;
    }

    /** {@code "name"}, with embedded double quotes doubled. */
    public String quoted() {
        return quote(name);
    }

    /** Any identifier as SQL text: in double quotes, with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The {@code search_path} a migration of this schema runs with: the schema itself and, for a
     * tenant, the main schema after it, so shared tables stay visible while new names land here.
     */
    public String searchPath(SchemaRef mainSchema) {
        return tenant ? quoted() + ", " + mainSchema.quoted() : quoted();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaRef ref && ref.name.equals(name) && ref.tenant == tenant;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Boolean.hashCode(tenant);
    }

    @Override
    public String toString() {
        return name;
    }
}
