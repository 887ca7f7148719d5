package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.dropwizard.cli.DbDownCommand;
import dev.tenantmigrator.dropwizard.cli.DbEnsureUpCommand;
import dev.tenantmigrator.dropwizard.cli.DbMarkAppliedCommand;
import dev.tenantmigrator.dropwizard.cli.DbRepairCommand;
import dev.tenantmigrator.dropwizard.cli.DbStatusCommand;
import dev.tenantmigrator.dropwizard.cli.DbUpCommand;
import dev.tenantmigrator.dropwizard.cli.DbVerifyCommand;
import dev.tenantmigrator.dropwizard.cli.MigratorSource;
import dev.tenantmigrator.dropwizard.cli.WarmUp;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.PooledDataSourceFactory;
import java.io.PrintStream;

/** Adds a bundle's commands ({@code db-up}, {@code db-down} and the rest, named after the bundle) to the application. */
final class MigratorCommands {

    private MigratorCommands() {
    }

    /** Adds {@code bundle}'s commands to {@code bootstrap}; they print their results to {@code out}. */
    static <T extends Configuration> void add(Bootstrap<?> bootstrap, MigratorBundle<T> bundle, PrintStream out) {
        // The application's own type argument, as Dropwizard's MigrationsBundle reads it: a bundle's subclass may be generic.
        @SuppressWarnings("unchecked")
        Class<T> configurationClass = (Class<T>) bootstrap.getApplication().getConfigurationClass();
        MigratorSource<T> source = new BundleSource<>(bundle, new WarmUp());
        bootstrap.addCommand(new DbUpCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbDownCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbEnsureUpCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbStatusCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbRepairCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbMarkAppliedCommand<>(source, configurationClass, out));
        bootstrap.addCommand(new DbVerifyCommand<>(source, configurationClass, out));
    }

    /** What the commands need from the bundle, so that they do not depend on it. */
    private record BundleSource<T extends Configuration>(MigratorBundle<T> bundle, WarmUp warmUp) implements MigratorSource<T> {

        @Override
        public PooledDataSourceFactory dataSourceFactory(T configuration) {
            return bundle.migratorDatabase(configuration);
        }

        @Override
        public MigratorSettings.Builder settings(T configuration) {
            return bundle.settingsBuilder(configuration);
        }

        @Override
        public String name() {
            return bundle.getName();
        }

        @Override
        public String poolName() {
            return bundle.getDataSourceName();
        }
    }
}
