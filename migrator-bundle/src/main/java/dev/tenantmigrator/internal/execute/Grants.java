package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.history.HistoryStore;
import org.jdbi.v3.core.Handle;

/**
 * Lets a runtime role without DDL rights use a migrated schema, as BitcrowdEcto's
 * {@code grant_dml_privileges_on_schema}: usage of the schema, DML on its tables and sequences, the
 * same by default for what later migrations create, and only reading of the history tables (the
 * recorded failures and start rows included: a role that could delete one could make the next run
 * repeat a half-applied migration).
 */
final class Grants {

    private Grants() {
    }

    static void apply(Handle handle, SchemaRef schema, String role) {
        String to = " TO " + SchemaRef.quote(role);
        String in = " IN SCHEMA " + schema.quoted();
        handle.useTransaction(tx -> {
            tx.execute("GRANT USAGE ON SCHEMA " + schema.quoted() + to);
            tx.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES" + in + to);
            tx.execute("GRANT USAGE, SELECT ON ALL SEQUENCES" + in + to);
            tx.execute("ALTER DEFAULT PRIVILEGES" + in + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES" + to);
            tx.execute("ALTER DEFAULT PRIVILEGES" + in + " GRANT USAGE, SELECT ON SEQUENCES" + to);
            for (String table : HistoryStore.TABLES) {
                String qualified = schema.quoted() + "." + SchemaRef.quote(table);
                // The failure table exists only while something is recorded; when made later it is revoked as it is made.
                if (tx.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", qualified).mapTo(Boolean.class).one()) {
                    tx.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE " + qualified + " FROM " + SchemaRef.quote(role));
                }
            }
        });
    }
}
