package dev.tenantmigrator.support;

import dev.tenantmigrator.testing.TestDatabase;
import org.jdbi.v3.core.Handle;

/**
 * A gate a test keeps shut so that a migration running {@link #PASS} waits in it for as long as the test
 * wants, in a statement PostgreSQL shows as waiting for a lock: a session advisory lock the test holds,
 * which the migration asks for in shared mode for its transaction (or, outside one, its statement).
 */
public final class MigrationGate implements AutoCloseable {

    /** The statement a gated migration runs; it returns once the gate is open. */
    public static final String PASS = "SELECT pg_advisory_xact_lock_shared(4242);";

    private final TestDatabase db;
    private final Handle holder;
    private boolean open;

    private MigrationGate(TestDatabase db) {
        this.db = db;
        this.holder = db.jdbi().open();
        holder.createQuery("SELECT count(pg_advisory_lock(4242))").mapTo(Integer.class).one();
    }

    /** A gate shut until {@link #open()} or {@link #close()}. */
    public static MigrationGate shut(TestDatabase db) {
        return new MigrationGate(db);
    }

    /** Waits until {@code count} sessions are waiting at the gate, as pg_stat_activity shows them. */
    public void awaitWaiting(int count) {
        Await.until(count + " sessions at the gate", () -> waiting() >= count);
    }

    /** How many sessions are waiting at the gate now. */
    public int waiting() {
        return ServerSessions.waitingForALock(db, "pg_advisory_xact_lock_shared(4242)");
    }

    /** Lets the waiting migrations (and any later one) through. */
    public void open() {
        if (!open) {
            holder.createQuery("SELECT pg_advisory_unlock(4242)").mapTo(Boolean.class).one();
            open = true;
        }
    }

    @Override
    public void close() {
        open();
        holder.close();
    }
}
