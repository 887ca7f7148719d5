package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.PooledDataSourceFactory;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/**
 * The shape every migrator command shares: read the configuration, let the command adjust the
 * settings from its flags, open a connection pool sized for them, build the {@link Migrator}, do one
 * thing with it, close the pool. A failure prints one line on stderr (see {@link CommandErrors}) and
 * the process exits with status 1. SIGTERM or SIGINT stops the migrator and lets the command finish
 * printing (see {@link StopOnSignal}); the process then exits 143 or 130.
 *
 * @param <T> the application's configuration class
 */
public abstract class MigratorCommand<T extends Configuration> extends ConfiguredCommand<T> {

    private final MigratorSource<T> source;
    private final Class<T> configurationClass;
    /** Where results go; errors go to the CLI's stderr. Injected so tests can read it. */
    protected final PrintStream out;

    /**
     * A command named after the source and {@code action}, e.g. {@code db-up}, that migrates with what
     * {@code source} gives; results go to {@code out}.
     */
    protected MigratorCommand(String action, String description, MigratorSource<T> source, Class<T> configurationClass,
                              PrintStream out) {
        super(source.name() + "-" + action, description);
        this.source = source;
        this.configurationClass = configurationClass;
        this.out = out;
    }

    @Override
    protected Class<T> getConfigurationClass() {
        return configurationClass;
    }

    /** Starts loading the migrator's classes, then lets Dropwizard read the configuration meanwhile. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        source.warmUp().start();
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, T configuration) throws Exception {
        JooqBanner.quiet();
        source.warmUp().await();
        MigratorSettings.Builder builder = source.settings(configuration);
        adjust(namespace, builder);
        MigratorSettings settings = builder.build();
        PooledDataSourceFactory database =
            MigratorPool.forMigrator(source.dataSourceFactory(configuration), settings.concurrency(), settings.networkTimeout());
        ManagedDataSource dataSource = database.build(bootstrap.getMetricRegistry(), source.poolName());
        try {
            run(bootstrap, namespace, Jdbi.create(dataSource), settings, database);
        } finally {
            dataSource.stop();
        }
    }

    /**
     * Does the command's work on the open pool; by default builds the {@link Migrator} and hands it
     * to {@link #run(Bootstrap, Namespace, Migrator)}, stopping it on a signal. A command that needs the
     * pool or the database's settings themselves overrides this one instead (and installs {@link StopOnSignal}).
     */
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Jdbi jdbi, MigratorSettings settings,
                       PooledDataSourceFactory database) throws Exception {
        Migrator migrator = new Migrator(jdbi, settings);
        try (StopOnSignal signal = StopOnSignal.install(migrator::stop, settings.shutdownGrace())) {
            run(bootstrap, namespace, migrator);
        }
    }

    /** Adjusts the settings from the command's flags; nothing by default. */
    protected void adjust(Namespace namespace, MigratorSettings.Builder settings) {
    }

    /** Does the command's one thing with the migrator; a command overrides this or the method above. */
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) throws Exception {
        throw new UnsupportedOperationException(getName() + " overrides neither run method");
    }

    /** Prints {@code value} as indented JSON, with the application's object mapper, for scripts. */
    protected void printJson(Bootstrap<T> bootstrap, Object value) throws Exception {
        out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** Prints one clear line instead of Dropwizard's stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        cli.getStdErr().println(CommandErrors.message(error));
    }
}
