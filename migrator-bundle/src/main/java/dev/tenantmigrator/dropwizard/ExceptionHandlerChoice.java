package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.dropwizard.handler.ExceptionHandlerFactory;
import dev.tenantmigrator.dropwizard.handler.LogExceptionHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between the two places a failure handler can come from: the bundle's
 * {@code handleMigratorException} override (code) and {@code migrator.exceptionHandler} (YAML). Code
 * takes precedence, since an override was written for this service on purpose; the YAML's choice is
 * otherwise used, {@code log} by default.
 */
final class ExceptionHandlerChoice {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionHandlerChoice.class);

    private ExceptionHandlerChoice() {
    }

    /** The handler for {@code bundle}, named {@code name}, whose YAML names {@code configured}. */
    static MigrationExceptionHandler of(MigratorBundle<?> bundle, ExceptionHandlerFactory configured, String name) {
        if (!overridesHandler(bundle.getClass())) {
            return configured.build(name);
        }
        if (!(configured instanceof LogExceptionHandlerFactory)) {
            // Said aloud: an operator who configured a webhook would otherwise wait for posts that never come.
            LOG.warn("{} overrides handleMigratorException, so the exceptionHandler of type {} in the configuration is not used",
                bundle.getClass().getName(), configured.getClass().getSimpleName());
        }
        return bundle::handleMigratorException;
    }

    /** Whether a class between {@code type} and {@link MigratorBundle} declares {@code handleMigratorException}. */
    private static boolean overridesHandler(Class<?> type) {
        for (Class<?> c = type; c != MigratorBundle.class && c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("handleMigratorException", Exception.class, MigrationFailure.class);
                return true;
            } catch (NoSuchMethodException e) {
                // Not declared here: look in the superclass.
            }
        }
        return false;
    }
}
