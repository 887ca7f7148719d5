package dev.tenantmigrator.dropwizard.handler;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.tenantmigrator.MigrationExceptionHandler;

/**
 * {@code type: log}, the default: one ERROR line per failure naming the operation, schema and migration,
 * the stack trace at DEBUG (see {@link MigrationExceptionHandler#logging()}).
 */
@JsonTypeName("log")
public class LogExceptionHandlerFactory implements ExceptionHandlerFactory {

    @Override
    public MigrationExceptionHandler build(String bundle) {
        return MigrationExceptionHandler.logging();
    }
}
