package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TransactionMode;
import java.time.Duration;
import java.util.Optional;

/**
 * How the executor runs a plan.
 *
 * @param concurrency how many schemas run at once
 * @param continueOnError whether a failed schema lets the others start
 * @param transactionMode how a schema's migrations are grouped into transactions
 * @param lockPollInterval how often a schema lock held elsewhere is asked for again
 * @param progressInterval how often progress is logged; zero for never
 * @param lockTimeout the {@code lock_timeout} of a transactional migration; zero for none
 * @param lockRetries attempts of a transactional migration whose locks time out
 * @param statementTimeout the {@code statement_timeout} of a migration; zero for none
 * @param schemaLockWait how long to wait for a schema another process holds
 * @param grantRole the runtime role granted DML on each schema up migrates, if any
 * @param connectionRetry how a schema whose connection was lost or refused mid-run is tried again
 * @param networkTimeout the longest wait for an answer from the database; zero for no bound
 */
public record Policy(int concurrency, boolean continueOnError, TransactionMode transactionMode, Duration lockPollInterval,
                     Duration progressInterval, Duration lockTimeout, int lockRetries, Duration statementTimeout,
                     Duration schemaLockWait, Optional<String> grantRole, ConnectionRetry connectionRetry,
                     Duration networkTimeout) {

    /** The policy the settings describe. */
    public static Policy of(MigratorSettings settings) {
        return new Policy(settings.concurrency(), settings.continueOnError(), settings.transactionMode(),
            settings.lockPollInterval(), settings.progressInterval(), settings.lockTimeout(), settings.lockRetries(),
            settings.statementTimeout(), settings.schemaLockWait(), settings.grantRole(),
            new ConnectionRetry(settings.connectAttempts(), settings.connectInterval()), settings.networkTimeout());
    }

    /**
     * How long the server lets a migrator session sit idle outside a transaction before it ends it (and so
     * lets go of its locks): the network timeout, plus the longest pause the migrator takes between two of
     * its own statements (a lock retry's, or the schema lock's poll); zero for no limit.
     */
    Duration idleLimit() {
        if (networkTimeout.isZero()) {
            return Duration.ZERO;
        }
        Duration longestPause = lockPollInterval.compareTo(LockRetry.LONGEST_PAUSE) > 0 ? lockPollInterval : LockRetry.LONGEST_PAUSE;
        return networkTimeout.plus(longestPause);
    }
}
