package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.dropwizard.cli.DbDownCommand;
import dev.tenantmigrator.dropwizard.cli.DbEnsureUpCommand;
import dev.tenantmigrator.dropwizard.cli.DbMarkAppliedCommand;
import dev.tenantmigrator.dropwizard.cli.DbRepairCommand;
import dev.tenantmigrator.dropwizard.cli.DbStatusCommand;
import dev.tenantmigrator.dropwizard.cli.DbUpCommand;
import dev.tenantmigrator.dropwizard.cli.JooqBanner;
import dev.tenantmigrator.dropwizard.cli.MigratorPool;
import dev.tenantmigrator.dropwizard.cli.MigratorSource;
import dev.tenantmigrator.dropwizard.cli.WarmUp;
import dev.tenantmigrator.dropwizard.health.MigrationsHealthCheck;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DatabaseConfiguration;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Generics;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Adds schema-per-tenant migrations to a Dropwizard application, in the style of Dropwizard's
 * {@code MigrationsBundle}: the commands {@code db-up}, {@code db-down}, {@code db-ensure-up} and
 * {@code db-status}, the {@code migrations} health check, and the startup guard chosen by the YAML
 * key {@code startup}.
 *
 * <p>Subclass it to say where the {@link io.dropwizard.db.DataSourceFactory} and the
 * {@link MigratorFactory} live in the configuration; override {@link #knownPrefixes} to list
 * tenants from code and {@link #handleMigratorException} to report failures elsewhere.
 *
 * @param <T> the application's configuration class
 */
public abstract class MigratorBundle<T extends Configuration> implements ConfiguredBundle<T>, DatabaseConfiguration<T> {

    /** The name of the health check that reports pending migrations. */
    public static final String HEALTH_CHECK_NAME = "migrations";
    /** The name of the migrator's connection pool, its metrics and its connection health check. */
    public static final String DATA_SOURCE_NAME = "migrator-database";

    private final PrintStream commandOutput;
    private Migrator migrator;
    private WarmUp warmUp;

    /** A bundle whose commands print to {@code System.out}. */
    protected MigratorBundle() {
        this(System.out);
    }

    /** A bundle whose commands print their results to {@code commandOutput}; errors go to the CLI's stderr. */
    protected MigratorBundle(PrintStream commandOutput) {
        this.commandOutput = commandOutput;
    }

    /** Where the migrator's YAML settings are in the configuration. */
    public abstract MigratorFactory getMigratorFactory(T configuration);

    /**
     * The tenant schema names, in the order they are migrated. By default they come from the YAML
     * ({@code tenants} or {@code tenantsQuery}); override to list them from code.
     *
     * @param handle a handle whose {@code search_path} is the main schema, after main migrations
     * @param configuration the application's configuration
     */
    protected List<String> knownPrefixes(Handle handle, T configuration) throws Exception {
        return getMigratorFactory(configuration).tenantSource().tenants(handle);
    }

    /**
     * Called once per schema that fails during up or down (as it fails, from the worker that ran
     * it, one call at a time), and once for a failure outside any schema such as an unreachable
     * database. By default it logs one ERROR line naming the operation, schema and migration (the
     * stack trace at DEBUG). Override to report failures to an error tracker.
     */
    protected void handleMigratorException(Exception exception, MigrationFailure failure) {
        MigrationExceptionHandler.logging().handle(exception, failure);
    }

    /** Java migrations mixed into the main set (none by default); see {@link Migration}. */
    protected List<Migration> mainJavaMigrations(T configuration) {
        return List.of();
    }

    /** Java migrations mixed into the tenant set (none by default); see {@link Migration}. */
    protected List<Migration> tenantJavaMigrations(T configuration) {
        return List.of();
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        warmUp = WarmUp.start();
        Class<T> configurationClass = configurationClass();
        MigratorSource<T> source = new MigratorSource<>() {
            @Override
            public PooledDataSourceFactory dataSourceFactory(T configuration) {
                return getDataSourceFactory(configuration);
            }

            @Override
            public MigratorSettings.Builder settings(T configuration) {
                return settingsBuilder(configuration);
            }

            @Override
            public String name() {
                return "db";
            }

            @Override
            public String poolName() {
                return DATA_SOURCE_NAME;
            }

            @Override
            public void awaitWarmUp() {
                warmUp.await();
            }
        };
        bootstrap.addCommand(new DbUpCommand<>(source, configurationClass, commandOutput));
        bootstrap.addCommand(new DbDownCommand<>(source, configurationClass, commandOutput));
        bootstrap.addCommand(new DbEnsureUpCommand<>(source, configurationClass, commandOutput));
        bootstrap.addCommand(new DbStatusCommand<>(source, configurationClass, commandOutput));
        bootstrap.addCommand(new DbRepairCommand<>(source, configurationClass, commandOutput));
        bootstrap.addCommand(new DbMarkAppliedCommand<>(source, configurationClass, commandOutput));
    }

    @Override
    public void run(T configuration, Environment environment) {
        JooqBanner.quiet();
        if (warmUp != null) {
            warmUp.await();
        }
        MigratorSettings settings = settingsBuilder(configuration).build();
        PooledDataSourceFactory database = getDataSourceFactory(configuration);
        MigratorPool.forServer(database, settings.concurrency());
        Jdbi jdbi = new JdbiFactory().build(environment, database, DATA_SOURCE_NAME);
        MigratorFactory factory = getMigratorFactory(configuration);
        migrator = new Migrator(jdbi, settings);
        environment.healthChecks().register(HEALTH_CHECK_NAME, healthCheck(migrator, factory, environment));
        new StartupGuard(factory.getStartup()).apply(migrator);
    }

    private static MigrationsHealthCheck healthCheck(Migrator migrator, MigratorFactory factory, Environment environment) {
        java.time.Duration interval = factory.getHealthCheckInterval().toJavaDuration();
        if (interval.isZero()) {
            return MigrationsHealthCheck.onEveryProbe(migrator::probeStatus);
        }
        ScheduledExecutorService scheduler = environment.lifecycle().scheduledExecutorService("migrator-health-check", true)
            .threads(1).build();
        return MigrationsHealthCheck.inBackground(migrator::probeStatus, interval, scheduler);
    }

    /** Builds a migrator on {@code jdbi} from the configuration and this bundle's overrides. */
    public Migrator buildMigrator(T configuration, Jdbi jdbi) {
        return new Migrator(jdbi, settingsBuilder(configuration).build());
    }

    /**
     * The migrator's settings from the YAML and this bundle's overrides (tenant list, failure
     * handler, Java migrations), as a builder a command adjusts from its flags.
     */
    public MigratorSettings.Builder settingsBuilder(T configuration) {
        return getMigratorFactory(configuration).settingsBuilder()
            .tenantSource(handle -> knownPrefixes(handle, configuration))
            .exceptionHandler(this::handleMigratorException)
            .mainJavaMigrations(mainJavaMigrations(configuration))
            .tenantJavaMigrations(tenantJavaMigrations(configuration));
    }

    /**
     * The migrator the running application uses, e.g. to onboard a tenant with
     * {@link Migrator#upTenant(String)}.
     *
     * @throws IllegalStateException before {@link #run} has been called
     */
    public Migrator getMigrator() {
        if (migrator == null) {
            throw new IllegalStateException("The migrator is built in MigratorBundle.run; ask for it from Application.run onwards.");
        }
        return migrator;
    }

    /** The configuration class, read from the subclass's type argument as {@code MigrationsBundle} does. */
    protected Class<T> configurationClass() {
        return Generics.getTypeParameter(getClass(), Configuration.class);
    }
}
