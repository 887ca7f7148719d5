package dev.tenantmigrator;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where the tenant schema names come from. Names are data (a signup form, a table), so the
 * migrator checks every one before any tenant DDL runs.
 */
@FunctionalInterface
public interface TenantSource {

    /**
     * Returns the tenant schema names, in the order they are migrated.
     *
     * @param handle a handle whose {@code search_path} is the main schema, after main migrations
     */
    List<String> tenants(Handle handle) throws Exception;

    /** No tenants: only the main schema is migrated. */
    static TenantSource none() {
        return handle -> List.of();
    }

    /** A fixed list of names. */
    static TenantSource of(List<String> tenants) {
        List<String> copy = List.copyOf(tenants);
        return handle -> copy;
    }

    /** The first column of a query run against the main schema, e.g. {@code SELECT slug FROM tenants}. */
    static TenantSource query(String sql) {
        return handle -> handle.createQuery(sql).mapTo(String.class).list();
    }
}
