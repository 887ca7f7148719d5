package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.MigrationsNotUpException;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.internal.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the YAML {@code startup} mode when the server starts. */
final class StartupGuard {

    private static final Logger LOG = LoggerFactory.getLogger(StartupGuard.class);

    private final StartupMode mode;

    StartupGuard(StartupMode mode) {
        this.mode = mode;
    }

    /** Does nothing, refuses to start (throwing {@link MigrationsNotUpException}) or migrates, as the mode says. */
    void apply(Migrator migrator) {
        switch (mode) {
            case NONE -> { }
            case ENSURE_UP -> {
                try {
                    migrator.ensureUp();
                } catch (MigrationsNotUpException e) {
                    // Logged as well as thrown: the server command prints a stack trace, the log is what operators read.
                    LOG.error("Refusing to start (startup: ensure-up). {}", Secrets.redact(e.getMessage()));
                    throw e;
                }
            }
            case MIGRATE -> {
                LOG.info("Applying pending migrations before serving (startup: migrate)");
                LOG.info(migrator.up().summary());
            }
        }
    }
}
