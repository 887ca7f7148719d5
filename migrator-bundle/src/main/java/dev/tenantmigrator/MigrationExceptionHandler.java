package dev.tenantmigrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called whenever {@link Migrator#up()} or {@link Migrator#down(long)} fails, before the failure is
 * rethrown: report it to an error tracker, page someone, and so on. The handler cannot swallow the
 * failure.
 */
@FunctionalInterface
public interface MigrationExceptionHandler {

    void handle(Exception exception, MigrationFailure failure);

    /**
     * The default: logs the failure and its context in one line at ERROR, and the stack trace at
     * DEBUG, so command output stays readable.
     */
    static MigrationExceptionHandler logging() {
        Logger log = LoggerFactory.getLogger(Migrator.class);
        return (exception, failure) -> {
            log.error("Migration failed during {}: {}", failure, exception.getMessage());
            log.debug("Migration failure in detail", exception);
        };
    }
}
