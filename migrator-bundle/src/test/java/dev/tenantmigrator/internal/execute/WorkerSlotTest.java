package dev.tenantmigrator.internal.execute;

import static dev.tenantmigrator.support.ServerSessions.slotsHeldBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.support.ServerSessions.LastStatement;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
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

    private static final String TRY = "SELECT pg_try_advisory_lock(";

    @Test
    void theTestsLookForTheLocksUnderTheKeysTheMigratorUses() {
        assertThat(ServerSessions.WORKER_SLOTS).isEqualTo(WorkerSlot.NAMESPACE);
        assertThat(ServerSessions.SCHEMA_LOCKS).isEqualTo(SchemaLock.NAMESPACE);
    }

    @Test
    void takesTheFirstFreeSlotStartingFromThePreferredOne(TestDatabase db) {
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 1)", WorkerSlot.NAMESPACE);
            worker.execute("SET synchronous_commit = on");
            int workerPid = ServerSessions.pid(worker);

            try (WorkerSlot slot = WorkerSlot.acquire(worker, 3, 1, Duration.ofSeconds(5), StopSignal.never())) {
                assertThat(slotsHeldBy(db, workerPid)).containsExactly(2);
            }
            assertThat(slotsHeldBy(db, workerPid)).isEmpty();
            assertThat(slotsHeldBy(db, ServerSessions.pid(peer))).containsExactly(1);
            // The release's asynchronous commit was local to it: the pooled session keeps its settings.
            assertThat(worker.createQuery("SHOW synchronous_commit").mapTo(String.class).one()).isEqualTo("on");
        }
    }

    @Test
    void aWaitingWorkerHoldsNoSlotAsksAgainAndGetsTheSlotOnceItsHolderReleasesIt(TestDatabase db) throws Exception {
        try (Handle holder = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            WorkerSlot held = WorkerSlot.acquire(holder, 1, 0, Duration.ofSeconds(5), StopSignal.never());
            int workerPid = ServerSessions.pid(worker);

            CompletableFuture<WorkerSlot> waiting = CompletableFuture.supplyAsync(
                () -> WorkerSlot.acquire(worker, 1, 0, Duration.ofMinutes(1), StopSignal.never()));
            awaitAskingAgain(db, workerPid, waiting);
            assertThat(slotsHeldBy(db, ServerSessions.pid(holder))).containsExactly(0);
            assertThat(slotsHeldBy(db, workerPid)).isEmpty();

            try (Handle listener = db.jdbi().open()) {
                listener.execute("LISTEN " + WorkerSlot.CHANNEL);
                held.close();
                PGNotification[] notified = listener.getConnection().unwrap(PGConnection.class).getNotifications(5000);
                assertThat(notified).extracting(PGNotification::getName).contains(WorkerSlot.CHANNEL);
                listener.execute("UNLISTEN *");
            }
            try (WorkerSlot slot = waiting.get(1, TimeUnit.MINUTES)) {
                assertThat(slotsHeldBy(db, workerPid)).containsExactly(0);
                assertThat(listening(worker)).isEmpty();
            }
            assertThat(slotsHeldBy(db, workerPid)).isEmpty();
        }
    }

    @Test
    void aSlotFreedWithoutANotificationIsFoundAllTheSame(TestDatabase db) throws Exception {
        // As when the holder's session dies: the lock goes, and nobody notifies.
        try (Handle peer = db.jdbi().open(); Handle worker = db.jdbi().open()) {
            peer.execute("SELECT pg_advisory_lock(?, 0)", WorkerSlot.NAMESPACE);
            int workerPid = ServerSessions.pid(worker);

            CompletableFuture<WorkerSlot> waiting = CompletableFuture.supplyAsync(
                () -> WorkerSlot.acquire(worker, 1, 0, Duration.ofMinutes(1), StopSignal.never()));
            awaitAskingAgain(db, workerPid, waiting);
            peer.execute("SELECT pg_advisory_unlock(?, 0)", WorkerSlot.NAMESPACE);

            try (WorkerSlot slot = waiting.get(1, TimeUnit.MINUTES)) {
                assertThat(slotsHeldBy(db, workerPid)).containsExactly(0);
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

    /**
     * Returns once the worker's session, as pg_stat_activity shows it, has been refused a slot and then asked
     * again: it waits and tries, rather than giving up or holding on to something. Fails at once if the
     * acquisition ends while the slot is still taken.
     */
    private static void awaitAskingAgain(TestDatabase db, int workerPid, CompletableFuture<WorkerSlot> waiting) {
        LastStatement[] firstTry = new LastStatement[1];
        Await.until("the worker asking for a slot", () -> {
            assertThat(waiting).as("the worker's wait for a taken slot").isNotDone();
            firstTry[0] = ServerSessions.lastStatement(db, workerPid).filter(s -> s.query().startsWith(TRY)).orElse(null);
            return firstTry[0] != null;
        });
        Await.until("the worker asking again", () -> {
            assertThat(waiting).as("the worker's wait for a taken slot").isNotDone();
            LastStatement now = ServerSessions.lastStatement(db, workerPid).orElseThrow();
            return now.query().startsWith(TRY) && now.stateChange().isAfter(firstTry[0].stateChange());
        });
    }

    private static List<String> listening(Handle handle) {
        return handle.createQuery("SELECT pg_listening_channels()").mapTo(String.class).list();
    }
}
