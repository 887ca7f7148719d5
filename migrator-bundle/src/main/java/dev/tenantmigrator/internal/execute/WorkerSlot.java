package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * One of {@code concurrency} slots, shared by every process migrating the same database: a session
 * advisory lock a worker holds while it runs one schema. However many pods run {@code db-up} at once,
 * no more schemas are migrated at a time than the setting says, so a deploy that starts twenty pods
 * does not put twenty times the load on the database. A slot dies with its session, like a schema lock.
 */
final class WorkerSlot implements AutoCloseable {

    /** The first key of the slot locks, next to the schema locks' namespace. */
    static final int NAMESPACE = SchemaLock.NAMESPACE + 1;
    /** Short at first (a slot frees as soon as a peer's schema is done), then longer, so waiting costs little. */
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(160);

    private final Handle handle;
    private final int slot;

    private WorkerSlot(Handle handle, int slot) {
        this.handle = handle;
        this.slot = slot;
    }

    /**
     * Takes a free slot among {@code slots}, trying {@code preferred} first, and waits for one while
     * all are taken.
     *
     * @throws MigratorException when every slot stays taken for longer than {@code maxWait}
     */
    static WorkerSlot acquire(Handle handle, int slots, int preferred, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long poll = FIRST_POLL.toMillis();
        while (true) {
            for (int i = 0; i < slots; i++) {
                int slot = Math.floorMod(preferred + i, slots);
                if (Session.queryBoolean(handle, "SELECT pg_try_advisory_lock(?, ?)", NAMESPACE, slot)) {
                    return new WorkerSlot(handle, slot);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new MigratorException("All " + slots + " migration slots of this database stayed taken by other "
                    + "processes for schemaLockWait (" + maxWait.toSeconds() + " s); run again once they have finished.");
            }
            try {
                Thread.sleep(poll);
                poll = Math.min(LONGEST_POLL.toMillis(), poll * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigratorException("Interrupted while waiting for a migration slot.", e);
            }
        }
    }

    @Override
    public void close() {
        Session.query(handle, "SELECT pg_advisory_unlock(?, ?)", NAMESPACE, slot);
    }
}
