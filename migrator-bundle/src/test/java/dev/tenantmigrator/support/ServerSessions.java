package dev.tenantmigrator.support;

import dev.tenantmigrator.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What the server's other sessions are doing, as a test asks it from a session of its own. */
public final class ServerSessions {

    /** The first key of the schema locks' advisory locks (SchemaLock.NAMESPACE); the second is hashtext(schema). */
    public static final int SCHEMA_LOCKS = 0x7E4A_1C01;
    /** The first key of the worker slots' advisory locks (WorkerSlot.NAMESPACE); the second is the slot. */
    public static final int WORKER_SLOTS = 0x7E4A_1C02;

    private ServerSessions() {
    }

    /** The server process of a session: how pg_stat_activity and pg_locks name it. */
    public static int pid(Handle session) {
        return session.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
    }

    /**
     * Holds a schema's migration lock on a session of the test's own, as a peer process would; the lock is
     * released when the returned handle closes (a pooled session would otherwise keep it).
     */
    public static Handle holdSchemaLock(TestDatabase db, String schema) {
        Handle peer = db.jdbi().open();
        peer.createQuery("SELECT pg_advisory_lock(" + SCHEMA_LOCKS + ", hashtext('" + schema.replace("'", "''") + "'))")
            .mapToMap().one();
        peer.addCleanable(() -> peer.createQuery("SELECT pg_advisory_unlock_all()").mapToMap().one());
        return peer;
    }

    /** The advisory locks (schema locks, worker slots) that sessions other than the asking one hold or wait for. */
    public static int advisoryLocks(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()",
            Integer.class);
    }

    /** How many schema locks other sessions hold (granted, as pg_locks shows them). */
    public static int schemaLocksHeld(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = "
            + SCHEMA_LOCKS + " AND objsubid = 2 AND pid <> pg_backend_pid()", Integer.class);
    }

    /** The worker slots session {@code pid} holds, in order. */
    public static List<Integer> slotsHeldBy(TestDatabase db, int pid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT objid::int FROM pg_locks WHERE locktype = 'advisory' "
                + "AND classid = :slots AND objsubid = 2 AND granted AND pid = :pid ORDER BY objid")
            .bind("slots", WORKER_SLOTS).bind("pid", pid).mapTo(Integer.class).list());
    }

    /** Whether another session is running a statement that contains {@code text}. */
    public static boolean running(TestDatabase db, String text) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() "
            + "AND strpos(query, '" + text.replace("'", "''") + "') > 0", Integer.class) > 0;
    }

    /** How many other sessions wait for a lock (a table's or an advisory one) in a statement that contains {@code text}. */
    public static int waitingForALock(TestDatabase db, String text) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() "
            + "AND strpos(query, '" + text.replace("'", "''") + "') > 0", Integer.class);
    }

    /**
     * Whether session {@code pid} waits for a lock on {@code table} that another session's {@code mode} lock on it
     * (held, or asked for ahead of it in the queue) stands in the way of.
     */
    public static boolean queuedBehind(TestDatabase db, int pid, String mode, String table) {
        return db.queryOne("SELECT count(*) FROM pg_locks WHERE relation = to_regclass('" + table.replace("'", "''")
            + "') AND mode = '" + mode + "' AND pid = ANY(pg_blocking_pids(" + pid + "))", Integer.class) > 0;
    }

    /** Whether session {@code pid} holds a {@code mode} lock on {@code table}. */
    public static boolean holds(TestDatabase db, int pid, String mode, String table) {
        return db.queryOne("SELECT count(*) FROM pg_locks WHERE relation = to_regclass('" + table.replace("'", "''")
            + "') AND mode = '" + mode + "' AND granted AND pid = " + pid, Integer.class) > 0;
    }

    /** Whether another session has asked for a schema lock and been refused: a worker waiting for one, after planning. */
    public static boolean askedForASchemaLock(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            + "AND query LIKE 'SELECT pg_try_advisory_lock(%hashtext%'", Integer.class) > 0;
    }

    /** Whether another session asked for a schema lock within the last second, as a worker waiting for one does. */
    public static boolean pollingForASchemaLock(TestDatabase db) {
        return db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            + "AND query LIKE 'SELECT pg_try_advisory_lock(%hashtext%' AND state_change > now() - interval '1 second'",
            Integer.class) > 0;
    }

    /** Session {@code pid}'s last statement and when its state last changed; empty once the session is gone. */
    public static Optional<LastStatement> lastStatement(TestDatabase db, int pid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT state, query, state_change FROM pg_stat_activity WHERE pid = :pid")
            .bind("pid", pid)
            .map((row, ctx) -> new LastStatement(row.getString("state"), row.getString("query"),
                row.getObject("state_change", OffsetDateTime.class)))
            .findOne());
    }

    /** A session's state ({@code active}, {@code idle} …), its last statement and when it ran or ended. */
    public record LastStatement(String state, String query, OffsetDateTime stateChange) {
    }
}
