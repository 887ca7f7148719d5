package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.OwnSessions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code concurrency} slots, shared by every process migrating the same database: a session
 * advisory lock a worker holds while it runs one schema. However many pods run {@code db-up} at once,
 * no more schemas are migrated at a time than the setting says, so a deploy that starts twenty pods
 * does not put twenty times the load on the database. A slot dies with its session, like a schema lock.
 *
 * <p>Slots are only ever taken with {@code pg_try_advisory_lock}. A worker that finds them all taken
 * listens on a channel that every release notifies, so it tries again the moment one frees, while
 * its session sits idle: it holds no snapshot a peer's {@code CREATE INDEX CONCURRENTLY} would wait
 * for, and no {@code lock_timeout} can fire after the lock was granted (which would leave it held).
 */
final class WorkerSlot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerSlot.class);
    /** The first key of the slot locks, next to the schema locks' namespace. */
    static final int NAMESPACE = SchemaLock.NAMESPACE + 1;
    /** Notified by every release. */
    static final String CHANNEL = "tenant_migrator_slots";
    /** The longest wait between two tries: a peer that died frees its slot without notifying. */
    private static final Duration LONGEST_WAIT = Duration.ofMillis(250);

    private final Handle handle;
    private final int slot;
    /** The server process that granted the slot: the one that must release it. */
    private final int pid;

    private WorkerSlot(Handle handle, int slot, int pid) {
        this.handle = handle;
        this.slot = slot;
        this.pid = pid;
    }

    /**
     * Takes a free slot among {@code slots}, trying {@code preferred} first, and waits for one while
     * all are taken.
     *
     * @throws MigratorException when every slot stays taken for longer than {@code maxWait}
     * @throws Stopped when {@code stop} is requested while every slot is taken
     */
    static WorkerSlot acquire(Handle handle, int slots, int preferred, Duration maxWait, StopSignal stop) {
        Optional<WorkerSlot> free = tryAny(handle, slots, preferred);
        if (free.isPresent()) {
            return free.get();
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        // Listening before trying again, so a release between the two is not missed.
        Session.execute(handle, "LISTEN " + CHANNEL);
        try {
            while (true) {
                free = tryAny(handle, slots, preferred);
                if (free.isPresent()) {
                    return free.get();
                }
                stop.refuseWait("a worker slot, all " + slots + " of which other processes held");
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MigratorException("All " + slots + " migration slots of this database stayed taken by other "
                        + "processes for schemaLockWait (" + maxWait.toSeconds() + " s); run again once they have finished.");
                }
                awaitRelease(handle, Math.max(1, Math.min(LONGEST_WAIT.toMillis(), Duration.ofNanos(left).toMillis())));
            }
        } finally {
            Session.execute(handle, "UNLISTEN " + CHANNEL);
        }
    }

    private static Optional<WorkerSlot> tryAny(Handle handle, int slots, int preferred) {
        for (int i = 0; i < slots; i++) {
            int slot = Math.floorMod(preferred + i, slots);
            Session.Answer taken = Session.queryAnswer(handle, "SELECT pg_try_advisory_lock(?, ?), pg_backend_pid()",
                NAMESPACE, slot);
            if (taken.yes()) {
                return Optional.of(new WorkerSlot(handle, slot, taken.pid()));
            }
        }
        return Optional.empty();
    }

    /** Returns when a release was notified, or after {@code millis}. */
    private static void awaitRelease(Handle handle, long millis) {
        try {
            handle.getConnection().unwrap(PGConnection.class).getNotifications((int) millis);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Releases the slot and notifies the waiters. A notification gives its transaction an xid and so a
     * commit record; {@code synchronous_commit} off for this one statement spares it the WAL flush a
     * commit waits for, which would otherwise cost a second flush for every migrated schema.
     */
    @Override
    public void close() {
        Session.Answer released = Session.queryAnswer(handle, "SELECT pg_advisory_unlock(?, ?), "
            + "set_config('synchronous_commit', 'off', true), pg_notify(?, ''), pg_backend_pid()", NAMESPACE, slot, CHANNEL);
        if (released.pid() != pid) {
            throw OwnSessions.notOwn("worker slot " + slot + " was taken by server process " + pid + " and released by "
                + released.pid(), "more schemas may have been migrated at once than migrator.concurrency allows");
        }
        if (!released.yes()) {
            LOG.error("Worker slot {} was no longer held by this session when it was released (something reset the "
                + "session's advisory locks, such as pg_advisory_unlock_all() or a pooler's server_reset_query).", slot);
        }
    }
}
