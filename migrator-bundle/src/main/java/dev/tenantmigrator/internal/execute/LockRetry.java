package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a transaction again when a migration in it could not get a lock within {@code lock_timeout}:
 * rolled back at once, so the queries queued behind it on a busy table run, then tried again after a
 * growing, jittered pause (GitLab's {@code with_lock_retries}). A stopped run does not try again: its pause
 * could outlast the shutdown grace period.
 */
final class LockRetry {

    private static final Logger LOG = LoggerFactory.getLogger(LockRetry.class);
    /** SQLSTATE lock_not_available: what {@code lock_timeout} raises. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final int attempts;
    private final Duration lockTimeout;
    private final StopSignal stop;

    LockRetry(int attempts, Duration lockTimeout, StopSignal stop) {
        this.attempts = attempts;
        this.lockTimeout = lockTimeout;
        this.stop = stop;
    }

    /**
     * Runs the transaction, trying again while a migration in it times out waiting for a lock.
     *
     * @throws MigrationFailedException the migration's failure; for locks that never came, a sentence
     *     saying so and which statement waited
     */
    <T> T call(SchemaRef schema, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (MigrationFailedException e) {
                if (!isLockTimeout(e) || lockTimeout.isZero()) {
                    throw e;
                }
                if (stop.requested()) {
                    e.addSuppressed(Stopped.interrupted("its locks did not come within lock_timeout, and a stopped run does "
                        + "not try again; its transaction was rolled back"));
                    throw e;
                }
                String migration = e.failure().migration().orElse("a migration");
                if (attempt >= attempts) {
                    throw new MigrationFailedException(migration + " could not get its locks in schema " + schema
                        + ": lock_timeout (" + lockTimeout.toMillis() + " ms) expired in each of " + attempts
                        + (attempts == 1 ? " attempt" : " attempts")
                        + "; another session holds a lock on what it changes (look for long transactions in "
                        + "pg_stat_activity): " + Failures.rootMessage(e), e.failure(), e);
                }
                Duration pause = pause(attempt);
                LOG.warn("{} in schema {} timed out waiting for a lock (attempt {} of {}); trying again in {} ms",
                    migration, schema, attempt, attempts, pause.toMillis());
                sleep(pause);
            }
        }
    }

    /** Doubles from half a second up to ten, each time a random part of it, so peers do not retry in step. */
    static Duration pause(int attempt) {
        long ceiling = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigratorException("Interrupted while waiting to retry a migration.", e);
        }
    }
}
