package dev.tenantmigrator.cli;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/**
 * The shape every migrator command shares: read the configuration, open the bundle's data source,
 * build the {@link Migrator}, do one thing with it, close the data source. A failure prints one
 * line on stderr (see {@link CommandErrors}) and the process exits with status 1.
 *
 * @param <T> the application's configuration class
 */
public abstract class MigratorCommand<T extends Configuration> extends ConfiguredCommand<T> {

    private final MigratorBundle<T> bundle;
    private final Class<T> configurationClass;
    /** Where results go; errors go to the CLI's stderr. Injected so tests can read it. */
    protected final PrintStream out;

    /** A command named {@code name} that migrates with {@code bundle}; results go to {@code out}. */
    protected MigratorCommand(String name, String description, MigratorBundle<T> bundle, Class<T> configurationClass,
                              PrintStream out) {
        super(name, description);
        this.bundle = bundle;
        this.configurationClass = configurationClass;
        this.out = out;
    }

    @Override
    protected Class<T> getConfigurationClass() {
        return configurationClass;
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, T configuration) throws Exception {
        ManagedDataSource dataSource = bundle.getDataSourceFactory(configuration)
            .build(bootstrap.getMetricRegistry(), MigratorBundle.DATA_SOURCE_NAME);
        try {
            run(bootstrap, namespace, bundle.buildMigrator(configuration, Jdbi.create(dataSource)));
        } finally {
            dataSource.stop();
        }
    }

    /** Does the command's one thing with the migrator. */
    protected abstract void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) throws Exception;

    /** Prints one clear line instead of Dropwizard's stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        cli.getStdErr().println(CommandErrors.message(error));
    }
}
