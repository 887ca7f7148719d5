package dev.tenantmigrator.benchmark.db;

import java.sql.SQLException;

/**
 * Checks after a timed step that it did its work: counts the tenant schemas holding the object
 * the workload's last tenant migration creates ({@code task_labels}), or the column the new
 * migration adds ({@code tasks.archived_at}). Untimed.
 */
public final class StateCheck {

    private static final String TENANT_SCHEMAS = "n.nspname LIKE 't\\_%'";

    private StateCheck() {
    }

    /** Tenant schemas in which every one of the ten tenant migrations has run. */
    public static long migratedTenants(BenchDatabase database) throws SQLException {
        return database.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relname = 'task_labels' AND c.relkind = 'r' AND " + TENANT_SCHEMAS);
    }

    /** Tenant schemas in which the new migration has run. */
    public static long tenantsWithNewMigration(BenchDatabase database) throws SQLException {
        return database.queryLong("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'tasks' AND a.attname = 'archived_at' "
            + "AND NOT a.attisdropped AND " + TENANT_SCHEMAS);
    }

    /** Null when {@code found} equals the database's tenant count, else a note saying what was found. */
    public static String expectAll(BenchDatabase database, long found, String what) {
        return found == database.tenants() ? null
            : "CHECK FAILED: " + what + " in " + found + " of " + database.tenants() + " tenants";
    }
}
