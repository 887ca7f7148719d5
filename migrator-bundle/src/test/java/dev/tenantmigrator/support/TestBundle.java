package dev.tenantmigrator.support;

import dev.tenantmigrator.dropwizard.MigratorBundle;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.db.DataSourceFactory;
import java.io.PrintStream;

/** The bundle as an application subclasses it. */
public class TestBundle extends MigratorBundle<TestConfiguration> {

    public TestBundle(PrintStream out) {
        super(out);
    }

    /** A bundle named {@code name}. */
    public TestBundle(String name, PrintStream out) {
        super(name, out);
    }

    @Override
    public DataSourceFactory getDataSourceFactory(TestConfiguration configuration) {
        return configuration.database;
    }

    @Override
    public MigratorFactory getMigratorFactory(TestConfiguration configuration) {
        return configuration.migrator;
    }
}
