package dev.tenantmigrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called whenever {@link Migrator#up()} or {@link Migrator#down(long)} fails, before the failure is
 * rethrown: report it to an error tracker, page someone, and so on. The handler cannot swallow the
 * failure. A handler of your own should pass what it sends on through {@link Redaction}, as the bundled
 * ones do.
 */
@FunctionalInterface
public interface MigrationExceptionHandler {

    /** Hears one failure: {@code failure} says where it happened; {@code exception} is what is then rethrown. */
    void handle(Exception exception, MigrationFailure failure);

    /**
     * The default: logs the failure and its context in one line at ERROR, and the stack trace at
     * DEBUG, so command output stays readable. Passwords are masked in both: the driver's messages may
     * echo a JDBC URL that carries one, and logs are shipped to places a password must not reach.
     */
    static MigrationExceptionHandler logging() {
        Logger log = LoggerFactory.getLogger(Migrator.class);
        return (exception, failure) -> {
            log.error("Migration failed during {}: {}", failure, Redaction.mask(exception.getMessage()));
            if (log.isDebugEnabled()) {
                log.debug("Migration failure in detail", Redaction.masked(exception));
            }
        };
    }
}
