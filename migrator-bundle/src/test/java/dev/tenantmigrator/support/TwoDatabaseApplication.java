package dev.tenantmigrator.support;

import dev.tenantmigrator.dropwizard.MigratorBundle;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.PrintStream;

/** A service with two databases: the default bundle ({@code db-up}) and one named {@code audit} ({@code audit-up}). */
public class TwoDatabaseApplication extends Application<TwoDatabaseConfiguration> {

    private final GenericBundle<TwoDatabaseConfiguration> main;
    private final GenericBundle<TwoDatabaseConfiguration> audit;

    public TwoDatabaseApplication() {
        this(System.out);
    }

    public TwoDatabaseApplication(PrintStream out) {
        this.main = new GenericBundle<>(MigratorBundle.DEFAULT_NAME, out, c -> c.database, c -> c.migrator);
        this.audit = new GenericBundle<>("audit", out, c -> c.auditDatabase, c -> c.auditMigrator);
    }

    public MigratorBundle<TwoDatabaseConfiguration> main() {
        return main;
    }

    public MigratorBundle<TwoDatabaseConfiguration> audit() {
        return audit;
    }

    @Override
    public void initialize(Bootstrap<TwoDatabaseConfiguration> bootstrap) {
        bootstrap.addBundle(main);
        bootstrap.addBundle(audit);
    }

    @Override
    public void run(TwoDatabaseConfiguration configuration, Environment environment) {
        // Everything the tests need is in the bundles.
    }
}
