package dev.tenantmigrator.support;

import dev.tenantmigrator.dropwizard.MigratorBundle;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * A bundle for any configuration class, told by two functions where the database and the migrator's
 * settings are, as a library could ship one: its type argument names no configuration class, so the
 * bundle must take it from the application.
 */
public final class GenericBundle<C extends Configuration> extends MigratorBundle<C> {

    private final Function<C, DataSourceFactory> database;
    private final Function<C, MigratorFactory> migrator;

    public GenericBundle(String name, PrintStream out, Function<C, DataSourceFactory> database,
                         Function<C, MigratorFactory> migrator) {
        super(name, out);
        this.database = database;
        this.migrator = migrator;
    }

    @Override
    public DataSourceFactory getDataSourceFactory(C configuration) {
        return database.apply(configuration);
    }

    @Override
    public MigratorFactory getMigratorFactory(C configuration) {
        return migrator.apply(configuration);
    }
}
