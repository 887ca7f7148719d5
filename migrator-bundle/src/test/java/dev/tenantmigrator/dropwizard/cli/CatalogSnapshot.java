package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a command could change, read from PostgreSQL's catalog: each schema, each relation
 * (table, index, sequence) with its kind, each column with its type, each index's definition, every
 * row of every table (the history tables' included) and the advisory locks held. Two snapshots are
 * equal when a read-only command kept its word.
 */
final class CatalogSnapshot {

    private static final String OURS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private CatalogSnapshot() {
    }

    static List<String> of(TestDatabase db) {
        return db.jdbi().withHandle(handle -> {
            List<String> lines = new ArrayList<>();
            handle.createQuery("SELECT 'schema ' || nspname FROM pg_namespace n WHERE " + OURS + " ORDER BY 1")
                .mapTo(String.class).forEach(lines::add);
            handle.createQuery("SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + OURS + " ORDER BY 1")
                .mapTo(String.class).forEach(lines::add);
            handle.createQuery("SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type "
                    + "FROM information_schema.columns WHERE table_schema NOT LIKE 'pg\\_%' "
                    + "AND table_schema <> 'information_schema' ORDER BY 1")
                .mapTo(String.class).forEach(lines::add);
            handle.createQuery("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname NOT LIKE 'pg\\_%' "
                    + "AND schemaname <> 'information_schema' ORDER BY 1")
                .mapTo(String.class).forEach(lines::add);
            List<String> tables = handle.createQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) "
                    + "FROM pg_tables WHERE schemaname NOT LIKE 'pg\\_%' AND schemaname <> 'information_schema' ORDER BY 1")
                .mapTo(String.class).list();
            for (String table : tables) {
                handle.createQuery("SELECT 'row " + table + " ' || row_to_json(t)::text FROM " + table + " t ORDER BY 1")
                    .mapTo(String.class).forEach(lines::add);
            }
            lines.add("advisory locks held: " + handle.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
                .mapTo(Integer.class).one());
            return lines;
        });
    }
}
