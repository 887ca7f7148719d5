package dev.tenantmigrator.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The migrator's way to its database: every connection it takes waits at most {@code networkTimeout}
 * for an answer, so a frozen network or a server that stopped answering ends a wait with an error
 * instead of never (TCP keepalive at the operating system's defaults notices nothing for two hours).
 * The driver's read timeout is set on the connection while the migrator holds it and put back as it
 * was when the handle closes, so an application that shares the pool keeps its own. A migration's
 * statements are the exception: see {@code MigrationWatch}.
 */
public final class Connections {

    /** pgjdbc runs the change at once; the executor only matters to drivers that change it later. */
    private static final Executor AT_ONCE = Runnable::run;
    private static final int CLOSED_CONNECTIONS_SKIPPED = 3;

    private final Jdbi jdbi;
    private final Duration networkTimeout;
    /** The most connections proven sessions of their own at once; the pool's mode does not change under a process. */
    private final AtomicInteger provenSessions = new AtomicInteger();

    /**
     * @param networkTimeout the longest wait for an answer; zero for no bound
     */
    public Connections(Jdbi jdbi, Duration networkTimeout) {
        this.jdbi = jdbi;
        this.networkTimeout = networkTimeout;
    }

    /** The Jdbi the connections come from, for work that opens its own (a scratch database's). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The longest wait for an answer; zero for no bound. */
    public Duration networkTimeout() {
        return networkTimeout;
    }

    /**
     * Proves, before a run changes anything, that {@code sessions} connections held at once are sessions of their own
     * and answer at once (see {@link OwnSessions}); once per number of sessions, as the pool stays what it is.
     *
     * @throws dev.tenantmigrator.MigratorException naming transaction pooling or the pool size the run needs
     */
    public void requireOwnSessions(int sessions) {
        if (sessions <= provenSessions.get()) {
            return;
        }
        synchronized (provenSessions) {
            if (sessions > provenSessions.get()) {
                OwnSessions.prove(this, sessions);
                provenSessions.set(sessions);
            }
        }
    }

    /** A connection whose reads wait at most the network timeout; close it to give it back. */
    public Handle open() {
        Handle handle = openLive();
        try {
            Connection connection = handle.getConnection();
            int before = connection.getNetworkTimeout();
            readTimeout(connection, (int) networkTimeout.toMillis());
            handle.addCleanable(() -> putBack(connection, before));
            return handle;
        } catch (SQLException | RuntimeException e) {
            handle.close();
            throw e instanceof RuntimeException runtime ? runtime : new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * A pooled connection that is not closed already: one the driver closed after a failure (a read that timed
     * out) can come back from a pool that does not test connections; the pool is asked again, a few times.
     */
    private Handle openLive() {
        for (int attempt = 1; ; attempt++) {
            Handle handle = jdbi.open();
            try {
                if (!handle.getConnection().isClosed() || attempt == CLOSED_CONNECTIONS_SKIPPED) {
                    return handle;
                }
            } catch (SQLException e) {
                // Counts as closed.
            }
            handle.close();
        }
    }

    /** Runs {@code body} on a connection of {@link #open()}. */
    public <T, X extends Exception> T withHandle(HandleCallback<T, X> body) throws X {
        try (Handle handle = open()) {
            return body.withHandle(handle);
        }
    }

    /** Runs {@code body} on a connection of {@link #open()}. */
    public <X extends Exception> void useHandle(HandleConsumer<X> body) throws X {
        try (Handle handle = open()) {
            body.useHandle(handle);
        }
    }

    /** Runs {@code body} in a transaction on a connection of {@link #open()}. */
    public <T, X extends Exception> T inTransaction(HandleCallback<T, X> body) throws X {
        try (Handle handle = open()) {
            return handle.inTransaction(body);
        }
    }

    /** Sets how long a read on {@code connection} waits; zero for ever. */
    public static void readTimeout(Connection connection, int millis) throws SQLException {
        connection.setNetworkTimeout(AT_ONCE, millis);
    }

    /** A connection that cannot take its setting back is broken; the pool finds that out by itself. */
    private static void putBack(Connection connection, int millis) {
        try {
            if (!connection.isClosed()) {
                readTimeout(connection, millis);
            }
        } catch (SQLException e) {
            // Broken: nothing to put back.
        }
    }
}
