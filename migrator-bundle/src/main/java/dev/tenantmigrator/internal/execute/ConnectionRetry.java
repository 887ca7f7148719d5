package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the database at the start of an operation: a pod often starts before its database
 * accepts connections. Only connection failures are retried; a wrong password or a missing
 * database fails at once.
 */
public final class ConnectionRetry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRetry.class);

    private final int attempts;
    private final Duration interval;

    public ConnectionRetry(int attempts, Duration interval) {
        this.attempts = attempts;
        this.interval = interval;
    }

    /** One attempt, no wait. */
    public static ConnectionRetry once() {
        return new ConnectionRetry(1, Duration.ZERO);
    }

    /** Returns once a connection opens; throws a {@link MigratorException} after the last failed attempt. */
    public void awaitDatabase(Connections connections) {
        retried(() -> connections.useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()),
            e -> new MigratorException("Could not use the database: " + Failures.rootMessage(e), e));
    }

    /**
     * Proves the sessions a run holds at once its own ({@link Connections#requireOwnSessions}), trying again while the
     * database is out of reach; its refusals are thrown as they are.
     */
    void awaitOwnSessions(Connections connections, int sessions) {
        retried(() -> connections.requireOwnSessions(sessions), e -> e);
    }

    /** Runs {@code body} until it gets through; a failure other than a connection's is thrown as {@code other} makes it. */
    private void retried(Runnable body, UnaryOperator<RuntimeException> other) {
        for (int attempt = 1; ; attempt++) {
            try {
                body.run();
                return;
            } catch (RuntimeException e) {
                if (!Failures.isConnectionFailure(e)) {
                    throw other.apply(e);
                }
                if (attempt >= attempts) {
                    throw new MigratorException("Could not connect to the database after " + attempts
                        + (attempts == 1 ? " attempt: " : " attempts: ") + Failures.rootMessage(e), e);
                }
                LOG.warn("Could not connect to the database (attempt {} of {}): {}; retrying in {} ms",
                    attempt, attempts, Failures.rootMessage(e), interval.toMillis());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigratorException("Interrupted while waiting for the database.", e);
        }
    }

    /** How many times an operation is tried in all. */
    int attempts() {
        return attempts;
    }

    /** Waits the interval between two attempts. */
    void pause() {
        sleep();
    }
}
