package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorException;
import java.time.Duration;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One of {@code concurrency} slots, shared by every process migrating the same database: a session
 * advisory lock a worker holds while it runs one schema. However many pods run {@code db-up} at once,
 * no more schemas are migrated at a time than the setting says, so a deploy that starts twenty pods
 * does not put twenty times the load on the database. A slot dies with its session, like a schema lock.
 */
final class WorkerSlot implements AutoCloseable {

    /** The first key of the slot locks, next to the schema locks' namespace. */
    static final int NAMESPACE = SchemaLock.NAMESPACE + 1;
    /**
     * How long a worker queues on one taken slot before it looks at all of them again: PostgreSQL
     * hands a released advisory lock straight to its first waiter, so a slot never idles while
     * workers wait. The bound lets a worker queued behind a long migration move to a slot that frees,
     * and keeps short the wait of a peer's {@code CREATE INDEX CONCURRENTLY}, which waits for every
     * statement older than its phase, this queued {@code SELECT} included.
     */
    private static final Duration QUEUE_WAIT = Duration.ofMillis(250);

    private final Handle handle;
    private final int slot;

    private WorkerSlot(Handle handle, int slot) {
        this.handle = handle;
        this.slot = slot;
    }

    /**
     * Takes a free slot among {@code slots}, trying {@code preferred} first, and waits for one while
     * all are taken, queued on one slot at a time (in turn from {@code preferred}).
     *
     * @throws MigratorException when every slot stays taken for longer than {@code maxWait}
     */
    static WorkerSlot acquire(Handle handle, int slots, int preferred, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (int round = 0; ; round++) {
            for (int i = 0; i < slots; i++) {
                int slot = Math.floorMod(preferred + i, slots);
                if (Session.queryBoolean(handle, "SELECT pg_try_advisory_lock(?, ?)", NAMESPACE, slot)) {
                    return new WorkerSlot(handle, slot);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new MigratorException("All " + slots + " migration slots of this database stayed taken by other "
                    + "processes for schemaLockWait (" + maxWait.toSeconds() + " s); run again once they have finished.");
            }
            int slot = Math.floorMod(preferred + round, slots);
            if (queueFor(handle, slot, Math.max(1, Math.min(QUEUE_WAIT.toMillis(), Duration.ofNanos(left).toMillis())))) {
                return new WorkerSlot(handle, slot);
            }
        }
    }

    /** Waits for {@code slot} up to {@code millis}; false when it stayed taken. */
    private static boolean queueFor(Handle handle, int slot, long millis) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute("SET lock_timeout = " + millis);
            try {
                statement.execute("SELECT pg_advisory_lock(" + NAMESPACE + ", " + slot + ")");
                return true;
            } catch (SQLException e) {
                if (LockRetry.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                statement.execute("RESET lock_timeout");
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @Override
    public void close() {
        Session.query(handle, "SELECT pg_advisory_unlock(?, ?)", NAMESPACE, slot);
    }
}
