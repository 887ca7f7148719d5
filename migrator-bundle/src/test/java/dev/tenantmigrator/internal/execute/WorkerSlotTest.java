package dev.tenantmigrator.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fleet-wide worker slots: advisory locks every process on the database shares. */
@ExtendWith(PostgresExtension.class)
class WorkerSlotTest {

    @Test
    void takesTheFirstFreeSlotStartingFromThePreferredOne(TestDatabase db) {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 1)", WorkerSlot.NAMESPACE);

            try (WorkerSlot slot = WorkerSlot.acquire(worker, 3, 1, Duration.ofSeconds(5))) {
                assertThat(heldSlots(db)).containsExactlyInAnyOrder(1, 2);
            }
            assertThat(heldSlots(db)).containsExactly(1);
        }
    }

    @Test
    void aWorkerQueuedOnATakenSlotGetsItWhenThePeerReleasesIt(TestDatabase db) throws Exception {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 0)", WorkerSlot.NAMESPACE);

            CompletableFuture<WorkerSlot> waiting = CompletableFuture.supplyAsync(
                () -> WorkerSlot.acquire(worker, 1, 0, Duration.ofSeconds(30)));
            awaitWaiterOnSlot(db);
            assertThat(waiting).isNotDone();

            peer.execute("SELECT pg_advisory_unlock(?, 0)", WorkerSlot.NAMESPACE);
            try (WorkerSlot slot = waiting.get(10, TimeUnit.SECONDS)) {
                assertThat(heldSlots(db)).containsExactly(0);
                // The bounded queueing leaves the session's own lock_timeout as it was.
                assertThat(worker.createQuery("SHOW lock_timeout").mapTo(String.class).one()).isEqualTo("0");
            }
        }
    }

    @Test
    void givesUpNamingTheSettingWhenEverySlotStaysTaken(TestDatabase db) {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 0), pg_advisory_lock(?, 1)", WorkerSlot.NAMESPACE, WorkerSlot.NAMESPACE);

            assertThatThrownBy(() -> WorkerSlot.acquire(worker, 2, 0, Duration.ofSeconds(1)))
                .isInstanceOf(MigratorException.class)
                .hasMessage("All 2 migration slots of this database stayed taken by other processes for schemaLockWait "
                    + "(1 s); run again once they have finished.");
            assertThat(worker.createQuery("SHOW lock_timeout").mapTo(String.class).one()).isEqualTo("0");
        }
    }

    private static java.util.List<Integer> heldSlots(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT objid::int FROM pg_locks WHERE locktype = 'advisory' "
            + "AND classid = :ns AND objsubid = 2 AND granted ORDER BY objid").bind("ns", WorkerSlot.NAMESPACE)
            .mapTo(Integer.class).list());
    }

    private static void awaitWaiterOnSlot(TestDatabase db) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            boolean queued = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) > 0 FROM pg_locks WHERE "
                + "locktype = 'advisory' AND classid = :ns AND NOT granted").bind("ns", WorkerSlot.NAMESPACE)
                .mapTo(Boolean.class).one());
            if (queued) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the worker never queued on the taken slot");
    }
}
