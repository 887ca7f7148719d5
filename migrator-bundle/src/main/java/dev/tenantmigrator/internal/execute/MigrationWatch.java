package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.Failures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration's statements may rightly run for hours, so they wait for their answer without the read
 * timeout every other statement has; this watch stands in for it. Once a migration has waited the
 * network timeout, the server is asked every half of it, on another connection, what the
 * migration's session is doing. The answer was lost when that session is gone, or has sat idle for
 * the network timeout while the migration still waits; and when the question itself gets no answer
 * within the network timeout, the database cannot be reached. Either way the connection is aborted,
 * so the migration fails with a sentence saying why instead of waiting for ever (a frozen network
 * path answers TCP keepalive as if all were well).
 */
final class MigrationWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationWatch.class);
    private static final ScheduledExecutorService TICKS = ticks();
    private static final ExecutorService QUESTIONS = Executors.newCachedThreadPool(daemons("migration-watch-question"));
    private static final MigrationWatch OFF = new MigrationWatch(null, null, 0, Duration.ZERO, 0);

    private final Connections connections;
    private final Connection watched;
    private final int pid;
    private final Duration timeout;
    private final int readTimeoutBefore;
    private volatile ScheduledFuture<?> ticks;
    private CompletableFuture<Boolean> question;
    private long asked;
    private volatile String gaveUp;
    private boolean closed;

    private MigrationWatch(Connections connections, Connection watched, int pid, Duration timeout, int readTimeoutBefore) {
        this.connections = connections;
        this.watched = watched;
        this.pid = pid;
        this.timeout = timeout;
        this.readTimeoutBefore = readTimeoutBefore;
    }

    /** Lifts the read timeout of {@code handle}'s connection and watches it until {@link #close()}. */
    static MigrationWatch start(Connections connections, Handle handle) throws SQLException {
        Duration timeout = connections.networkTimeout();
        if (timeout.isZero()) {
            return OFF;
        }
        Connection connection = handle.getConnection();
        int before = connection.getNetworkTimeout();
        Connections.readTimeout(connection, 0);
        MigrationWatch watch = new MigrationWatch(connections, connection,
            connection.unwrap(PGConnection.class).getBackendPID(), timeout, before);
        long every = Math.max(1, timeout.toMillis() / 2);
        watch.ticks = TICKS.scheduleWithFixedDelay(watch::tick, timeout.toMillis(), every, TimeUnit.MILLISECONDS);
        return watch;
    }

    /**
     * The failure to report instead of {@code failure} when this watch aborted the connection: one sentence
     * naming the network timeout, with SQLSTATE 08006 so the schema is tried again as for any lost connection.
     */
    Exception explain(Exception failure) {
        if (gaveUp == null) {
            return failure;
        }
        SQLException explained = new SQLException(gaveUp, "08006");
        explained.addSuppressed(failure);
        return explained;
    }

    /** Runs on the single tick thread: asks, or judges the question asked before, and never waits. */
    private synchronized void tick() {
        if (closed || gaveUp != null) {
            return;
        }
        if (question == null) {
            asked = System.nanoTime();
            question = CompletableFuture.supplyAsync(this::answerLost, QUESTIONS);
            return;
        }
        if (question.isDone()) {
            Verdict verdict = verdict(question);
            question = null;
            if (verdict == Verdict.LOST) {
                abort("the database ended the migration's statement, or its session, but the answer did not arrive within "
                    + "networkTimeout (" + seconds() + "), so the connection was given up");
            } else if (verdict == Verdict.UNREACHABLE) {
                abort(unreachable());
            }
        } else if (System.nanoTime() - asked >= timeout.toNanos()) {
            abort(unreachable());
        }
    }

    private String unreachable() {
        return "the database did not answer for networkTimeout (" + seconds() + "), neither on the migration's connection "
            + "nor on another, so the connection was given up (a frozen network or server?)";
    }

    /** What the server said about the watched session. */
    private enum Verdict {
        /** Still running the statement, or idle for less than the timeout. */
        RUNNING,
        /** Gone, or idle for the timeout while its client waits: the answer was lost. */
        LOST,
        /** The question got no answer either. */
        UNREACHABLE,
        /** The question failed for another reason: no evidence either way. */
        UNKNOWN
    }

    /** Whether the watched session is gone, or idle for the timeout while its client waits. */
    private boolean answerLost() {
        return connections.withHandle(handle -> handle.createQuery("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity "
                + "WHERE pid = :pid AND (coalesce(state, 'not shown') NOT IN ('idle', 'idle in transaction', "
                + "'idle in transaction (aborted)') OR state_change > clock_timestamp() - make_interval(secs => :seconds)))")
            .bind("pid", pid)
            .bind("seconds", timeout.toMillis() / 1000.0)
            .mapTo(Boolean.class)
            .one());
    }

    private static Verdict verdict(CompletableFuture<Boolean> done) {
        try {
            return done.join() ? Verdict.LOST : Verdict.RUNNING;
        } catch (RuntimeException e) {
            if (Failures.isConnectionFailure(e)) {
                return Verdict.UNREACHABLE;
            }
            LOG.warn("Could not ask the database about a running migration's session: {}", Failures.rootMessage(e));
            return Verdict.UNKNOWN;
        }
    }

    private void abort(String why) {
        gaveUp = why;
        ticks.cancel(false);
        LOG.warn("Giving up a migration's connection: {}", why);
        try {
            ((Connection) watched.unwrap(PGConnection.class)).abort(Runnable::run);
        } catch (SQLException e) {
            LOG.warn("Could not abort the connection: {}", Failures.rootMessage(e));
        }
    }

    private String seconds() {
        return timeout.toSeconds() + " s";
    }

    /** Stops watching and puts the read timeout back. */
    @Override
    public synchronized void close() {
        if (this == OFF) {
            return;
        }
        closed = true;
        ticks.cancel(false);
        try {
            if (gaveUp == null) {
                Connections.readTimeout(watched, readTimeoutBefore);
            }
        } catch (SQLException e) {
            // A broken connection fails its next statement, which says so.
        }
    }

    /** One thread for every watch; a cancelled watch leaves the queue at once (a fleet run starts one per migration). */
    private static ScheduledExecutorService ticks() {
        ScheduledThreadPoolExecutor ticks = new ScheduledThreadPoolExecutor(1, daemons("migration-watch"));
        ticks.setRemoveOnCancelPolicy(true);
        return ticks;
    }

    private static ThreadFactory daemons(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
