package dev.tenantmigrator.support;

import dev.tenantmigrator.dropwizard.MigratorBundle;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.io.PrintStream;
import java.util.function.Function;

/** A service with two databases: the default bundle ({@code db-up}) and one named {@code audit} ({@code audit-up}). */
public class TwoDatabaseApplication extends Application<TwoDatabaseConfiguration> {

    private final Bundle main;
    private final Bundle audit;

    public TwoDatabaseApplication() {
        this(System.out);
    }

    public TwoDatabaseApplication(PrintStream out) {
        this.main = new Bundle(MigratorBundle.DEFAULT_NAME, out, c -> c.database, c -> c.migrator);
        this.audit = new Bundle("audit", out, c -> c.auditDatabase, c -> c.auditMigrator);
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

    /** A bundle on one of the two database and migrator pairs of the configuration. */
    static final class Bundle extends MigratorBundle<TwoDatabaseConfiguration> {
        private final Function<TwoDatabaseConfiguration, DataSourceFactory> database;
        private final Function<TwoDatabaseConfiguration, MigratorFactory> migrator;

        Bundle(String name, PrintStream out, Function<TwoDatabaseConfiguration, DataSourceFactory> database,
               Function<TwoDatabaseConfiguration, MigratorFactory> migrator) {
            super(name, out);
            this.database = database;
            this.migrator = migrator;
        }

        @Override
        public DataSourceFactory getDataSourceFactory(TwoDatabaseConfiguration configuration) {
            return database.apply(configuration);
        }

        @Override
        public MigratorFactory getMigratorFactory(TwoDatabaseConfiguration configuration) {
            return migrator.apply(configuration);
        }
    }
}
