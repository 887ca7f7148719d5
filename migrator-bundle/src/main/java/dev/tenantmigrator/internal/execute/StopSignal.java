package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Failures;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop of a migrator's runs, for a process that is shutting down. Once {@link #request requested}, no
 * schema starts and a job waiting for a lock or a worker slot gives up; the migrations in flight go on for
 * the grace period. When it ends, each {@link Flight} still open has its statement cancelled on the
 * server (so a transaction rolls back), again every {@value #RESEND_MILLIS} ms until the flight lands: a
 * cancel that reaches the server between two statements is ignored there. No flight takes off after the
 * grace period. A stop cannot be taken back.
 */
public final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private static final long RESEND_MILLIS = 100;

    private final Duration grace;
    private final Set<Flight> flights = new HashSet<>();
    private boolean requested;
    private boolean graceOver;

    /** A signal whose flights get {@code grace} after a request before they are cancelled. */
    public StopSignal(Duration grace) {
        this.grace = grace;
    }

    /** A signal that nothing requests, for work that is not stopped. */
    public static StopSignal never() {
        return new StopSignal(Duration.ZERO);
    }

    /** Stops the runs: see the class comment. Returns at once; a second request changes nothing. */
    public void request() {
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
        }
        LOG.warn("Stopping: no schema starts from now on; the migrations running have shutdownGrace ({}) to finish "
            + "before they are cancelled.", grace.toMillis() % 1000 == 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms");
        Thread canceller = new Thread(this::cancelAfterGrace, "migrator-stop");
        canceller.setDaemon(true);
        canceller.start();
    }

    /** Whether the stop was requested. */
    public synchronized boolean requested() {
        return requested;
    }

    /**
     * For a job about to wait (for a lock, a slot): returns when no stop was requested.
     *
     * @throws Stopped saying what the job was waiting for, when one was
     */
    void refuseWait(String waitingFor) {
        if (requested()) {
            throw Stopped.notStarted("not started: the run was stopped while it waited for " + waitingFor);
        }
    }

    /**
     * Opens a flight: the migration about to run on {@code handle} is cancelled if the grace period
     * ends before the flight lands (is closed).
     *
     * @throws Stopped when the grace period is over: no migration starts then
     */
    Flight takeOff(Handle handle) {
        Flight flight = new Flight(handle);
        synchronized (this) {
            if (graceOver) {
                throw Stopped.interrupted("not run: the shutdown grace period had ended");
            }
            flights.add(flight);
        }
        return flight;
    }

    private void cancelAfterGrace() {
        pause(grace.toMillis());
        List<Flight> left;
        synchronized (this) {
            graceOver = true;
            left = List.copyOf(flights);
        }
        if (!left.isEmpty()) {
            LOG.warn("The shutdown grace period ended: cancelling the migrations still running in {}.",
                left.size() == 1 ? "1 schema" : left.size() + " schemas");
        }
        while (!left.isEmpty()) {
            left.forEach(Flight::cancel);
            pause(RESEND_MILLIS);
            synchronized (this) {
                left = List.copyOf(flights);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Only this class's own daemon thread sleeps here; cancelling sooner is what an interrupt would want.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One migration (or one transaction of them) running on one connection while the stop may cut it.
     * A cancel is sent only while the flight is open, and landing waits for a cancel being sent: the
     * server has the cancel before the job's next statement, so the cancel cannot hit the statements that
     * release the job's locks after the flight.
     */
    final class Flight implements AutoCloseable {
        private final Handle handle;
        private boolean landed;
        private boolean cancelled;

        private Flight(Handle handle) {
            this.handle = handle;
        }

        /** Whether the stop cancelled this flight's statements (or tried to: the statement may have ended first). */
        synchronized boolean cancelled() {
            return cancelled;
        }

        /**
         * Marks {@code failure} as the stop's doing when this flight was cancelled, with {@code whatIsLeft} (e.g. the
         * transaction was rolled back) for the report; returns it to be thrown.
         */
        <E extends Exception> E explain(E failure, String whatIsLeft) {
            if (cancelled() && Stopped.in(failure).isEmpty()) {
                failure.addSuppressed(Stopped.interrupted("cancelled when the shutdown grace period ended; " + whatIsLeft));
            }
            return failure;
        }

        private synchronized void cancel() {
            if (landed) {
                return;
            }
            cancelled = true;
            try {
                // pgjdbc waits for the server to close the cancel connection, so the cancel has been delivered on return.
                handle.getConnection().unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                LOG.warn("Could not cancel a migration at the end of the shutdown grace period: {}", Failures.rootMessage(e));
            }
        }

        /** Lands the flight: no cancel is sent after this returns. Closing again changes nothing. */
        @Override
        public void close() {
            synchronized (this) {
                landed = true;
            }
            synchronized (StopSignal.this) {
                flights.remove(this);
            }
        }
    }
}
