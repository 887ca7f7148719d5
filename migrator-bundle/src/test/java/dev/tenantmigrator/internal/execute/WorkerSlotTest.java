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
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fleet-wide worker slots: advisory locks every process on the database shares. */
@ExtendWith(PostgresExtension.class)
class WorkerSlotTest {

    @Test
    void takesTheFirstFreeSlotStartingFromThePreferredOne(TestDatabase db) {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 1)", WorkerSlot.NAMESPACE);
            worker.execute("SET synchronous_commit = on");

            try (WorkerSlot slot = WorkerSlot.acquire(worker, 3, 1, Duration.ofSeconds(5), StopSignal.never())) {
                assertThat(heldSlots(db)).containsExactlyInAnyOrder(1, 2);
            }
            assertThat(heldSlots(db)).containsExactly(1);
            // The release's asynchronous commit was local to it: the pooled session keeps its settings.
            assertThat(worker.createQuery("SHOW synchronous_commit").mapTo(String.class).one()).isEqualTo("on");
        }
    }

    @Test
    void aWaitingWorkerGetsTheSlotAsSoonAsItsHolderReleasesIt(TestDatabase db) throws Exception {
        try (Handle holder = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            WorkerSlot held = WorkerSlot.acquire(holder, 1, 0, Duration.ofSeconds(5), StopSignal.never());

            CompletableFuture<WorkerSlot> waiting = CompletableFuture.supplyAsync(
                () -> WorkerSlot.acquire(worker, 1, 0, Duration.ofSeconds(30), StopSignal.never()));
            Thread.sleep(600);
            assertThat(waiting).isNotDone();

            try (Handle listener = db.jdbi().open()) {
                listener.execute("LISTEN " + WorkerSlot.CHANNEL);
                held.close();
                PGNotification[] notified = listener.getConnection().unwrap(PGConnection.class).getNotifications(5000);
                assertThat(notified).extracting(PGNotification::getName).contains(WorkerSlot.CHANNEL);
                listener.execute("UNLISTEN *");
            }
            try (WorkerSlot slot = waiting.get(10, TimeUnit.SECONDS)) {
                assertThat(heldSlots(db)).containsExactly(0);
                assertThat(listening(worker)).isEmpty();
            }
            assertThat(heldSlots(db)).isEmpty();
        }
    }

    @Test
    void aSlotFreedWithoutANotificationIsFoundAllTheSame(TestDatabase db) throws Exception {
        // As when the holder's session dies: the lock goes, and nobody notifies.
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 0)", WorkerSlot.NAMESPACE);

            CompletableFuture<WorkerSlot> waiting = CompletableFuture.supplyAsync(
                () -> WorkerSlot.acquire(worker, 1, 0, Duration.ofSeconds(30), StopSignal.never()));
            Thread.sleep(300);
            peer.execute("SELECT pg_advisory_unlock(?, 0)", WorkerSlot.NAMESPACE);
            try (WorkerSlot slot = waiting.get(10, TimeUnit.SECONDS)) {
                assertThat(heldSlots(db)).containsExactly(0);
            }
        }
    }

    @Test
    void givesUpNamingTheSettingWhenEverySlotStaysTaken(TestDatabase db) {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 0), pg_advisory_lock(?, 1)", WorkerSlot.NAMESPACE, WorkerSlot.NAMESPACE);

            assertThatThrownBy(() -> WorkerSlot.acquire(worker, 2, 0, Duration.ofSeconds(1), StopSignal.never()))
                .isInstanceOf(MigratorException.class)
                .hasMessage("All 2 migration slots of this database stayed taken by other processes for schemaLockWait "
                    + "(1 s); run again once they have finished.");
            assertThat(listening(worker)).isEmpty();
        }
    }

    private static java.util.List<String> listening(Handle handle) {
        return handle.createQuery("SELECT pg_listening_channels()").mapTo(String.class).list();
    }

    private static java.util.List<Integer> heldSlots(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT objid::int FROM pg_locks WHERE locktype = 'advisory' "
            + "AND classid = :ns AND objsubid = 2 AND granted ORDER BY objid").bind("ns", WorkerSlot.NAMESPACE)
            .mapTo(Integer.class).list());
    }
}
