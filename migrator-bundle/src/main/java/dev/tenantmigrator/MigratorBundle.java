package dev.tenantmigrator;

import dev.tenantmigrator.cli.DbDownCommand;
import dev.tenantmigrator.cli.DbEnsureUpCommand;
import dev.tenantmigrator.cli.DbStatusCommand;
import dev.tenantmigrator.cli.DbUpCommand;
import dev.tenantmigrator.health.MigrationsHealthCheck;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DatabaseConfiguration;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Generics;
import java.io.PrintStream;
import java.util.List;
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
     * Called whenever an up or down run fails, before the failure is rethrown. By default it logs
     * one ERROR line naming the operation, schema and migration (the stack trace at DEBUG: the
     * failure is rethrown, and a command prints it as one sentence). Override to report failures
     * to an error tracker.
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
        Class<T> configurationClass = configurationClass();
        bootstrap.addCommand(new DbUpCommand<>(this, configurationClass, commandOutput));
        bootstrap.addCommand(new DbDownCommand<>(this, configurationClass, commandOutput));
        bootstrap.addCommand(new DbEnsureUpCommand<>(this, configurationClass, commandOutput));
        bootstrap.addCommand(new DbStatusCommand<>(this, configurationClass, commandOutput));
    }

    @Override
    public void run(T configuration, Environment environment) {
        Jdbi jdbi = new JdbiFactory().build(environment, getDataSourceFactory(configuration), DATA_SOURCE_NAME);
        MigratorFactory factory = getMigratorFactory(configuration);
        migrator = buildMigrator(configuration, jdbi);
        environment.healthChecks().register(HEALTH_CHECK_NAME,
            new MigrationsHealthCheck(quickToFail(migrator, jdbi), factory.getHealthCheckCachePeriod()));
        new StartupGuard(factory.getStartup()).apply(migrator);
    }

    /** The same migrator with one connection attempt: a health check must answer now, not after minutes of retries. */
    private static Migrator quickToFail(Migrator migrator, Jdbi jdbi) {
        return new Migrator(jdbi, migrator.settings().toBuilder().connectAttempts(1).build());
    }

    /** Builds a migrator on {@code jdbi} from the configuration and this bundle's overrides. */
    public Migrator buildMigrator(T configuration, Jdbi jdbi) {
        return new Migrator(jdbi, getMigratorFactory(configuration).settingsBuilder()
            .tenantSource(handle -> knownPrefixes(handle, configuration))
            .exceptionHandler(this::handleMigratorException)
            .mainJavaMigrations(mainJavaMigrations(configuration))
            .tenantJavaMigrations(tenantJavaMigrations(configuration))
            .build());
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
