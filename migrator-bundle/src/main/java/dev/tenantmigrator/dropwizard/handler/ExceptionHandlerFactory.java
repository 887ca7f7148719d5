package dev.tenantmigrator.dropwizard.handler;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tenantmigrator.MigrationExceptionHandler;
import io.dropwizard.jackson.Discoverable;

/**
 * The exception handler chosen in the YAML under {@code migrator.exceptionHandler}, by its {@code type}
 * as Dropwizard chooses appenders: {@code log} (the default) or {@code webhook}. An implementation is
 * found through {@code META-INF/services/dev.tenantmigrator.dropwizard.handler.ExceptionHandlerFactory},
 * so a library can add its own type by listing it there and naming it with {@code @JsonTypeName}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface ExceptionHandlerFactory extends Discoverable {

    /**
     * The handler, for the bundle named {@code bundle} (e.g. {@code db}), which a handler may use to say
     * which database failed. Building it must be cheap and touch no network: every command builds one.
     */
    MigrationExceptionHandler build(String bundle);
}
