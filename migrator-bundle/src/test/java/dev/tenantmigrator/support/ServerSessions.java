package dev.tenantmigrator.support;

import dev.tenantmigrator.testing.TestDatabase;

/** What the server's other sessions are doing, as a test asks it from a session of its own. */
public final class ServerSessions {

    private ServerSessions() {
    }

    /** The advisory locks (schema locks, worker slots) that sessions other than the asking one hold or wait for. */
    public static int advisoryLocks(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()",
            Integer.class);
    }

    /** Whether another session is running a statement that contains {@code text}. */
    public static boolean running(TestDatabase db, String text) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() "
            + "AND strpos(query, '" + text.replace("'", "''") + "') > 0", Integer.class) > 0;
    }

    /** Whether another session asked for a schema lock within the last second, as a worker waiting for one does. */
    public static boolean pollingForASchemaLock(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            + "AND query LIKE 'SELECT pg_try_advisory_lock(%hashtext%' AND state_change > now() - interval '1 second'",
            Integer.class) > 0;
    }
}
