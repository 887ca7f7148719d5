package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.dropwizard.jersey.TenantSchemaFilter;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DatabaseConfiguration;
import io.dropwizard.db.PooledDataSourceFactory;
import java.io.PrintStream;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Adds schema-per-tenant migrations to a Dropwizard application, in the style of Dropwizard's
 * {@code MigrationsBundle}: the commands {@code db-up}, {@code db-down}, {@code db-ensure-up} and
 * {@code db-status}, the {@code migrations} health check, the metrics of {@link MigratorMetrics}, and
 * the startup guard chosen by the YAML key {@code startup}.
 *
 * <p>Subclass it to say where the {@link io.dropwizard.db.DataSourceFactory} and the
 * {@link MigratorFactory} live in the configuration; override {@link #knownPrefixes} to list
 * tenants from code and {@link #handleMigratorException} to report failures elsewhere.
 *
 * <p>The migrator has a connection pool of its own, built from a copy of the application's
 * {@link io.dropwizard.db.DataSourceFactory} (sized for its workers, its waits bounded): the
 * application's object, and any pool it builds from it, stay as configured.
 *
 * <p>A bundle has a name, {@code db} unless a constructor is given another. A service with several
 * databases adds one bundle per database, each named differently (say {@code db} and {@code audit}):
 * the name starts its commands ({@code audit-up}) and metrics ({@code audit.migrator.runs}), and
 * prefixes its health check ({@code audit-migrations}) and connection pool ({@code audit-migrator-database});
 * the default bundle's health check and pool keep their names {@value #HEALTH_CHECK_NAME} and
 * {@value #DATA_SOURCE_NAME}.
 *
 * @param <T> the application's configuration class
 */
public abstract class MigratorBundle<T extends Configuration> implements ConfiguredBundle<T>, DatabaseConfiguration<T> {

    /** The name of the default bundle's health check that reports pending migrations. */
    public static final String HEALTH_CHECK_NAME = "migrations";
    /** The name of the default bundle's connection pool, its metrics and its connection health check. */
    public static final String DATA_SOURCE_NAME = "migrator-database";
    /** The default bundle's name, which its commands start with: {@code db-up}. */
    public static final String DEFAULT_NAME = BundleName.DEFAULT;

    private final BundleName name;
    private final PrintStream commandOutput;
    private Migrator migrator;

    /** The bundle named {@value #DEFAULT_NAME}, whose commands print to {@code System.out}. */
    protected MigratorBundle() {
        this(DEFAULT_NAME, System.out);
    }

    /** The bundle named {@value #DEFAULT_NAME}, whose commands print their results to {@code commandOutput}; errors go to the CLI's stderr. */
    protected MigratorBundle(PrintStream commandOutput) {
        this(DEFAULT_NAME, commandOutput);
    }

    /**
     * A bundle named {@code name} (lower-case letters, digits, {@code _} and {@code -}, starting with a
     * letter), whose commands print to {@code System.out}.
     */
    protected MigratorBundle(String name) {
        this(name, System.out);
    }

    /** A bundle named {@code name} whose commands print their results to {@code commandOutput}. */
    protected MigratorBundle(String name, PrintStream commandOutput) {
        this.name = new BundleName(name);
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
     * database. Override to report failures to an error tracker.
     *
     * <p>A bundle that does not override this method hands failures to the handler the YAML chooses
     * ({@code migrator.exceptionHandler}, {@code log} by default). A bundle that overrides it has
     * chosen in code, and the code takes precedence: the YAML handler is not used (a warning says so
     * when the YAML names one other than {@code log}). This default, reached through {@code super},
     * logs one ERROR line naming the operation, schema and migration (the stack trace at DEBUG).
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
        MigratorCommands.add(bootstrap, this, commandOutput);
    }

    @Override
    public void run(T configuration, Environment environment) {
        migrator = new MigratorServer(name, environment)
            .start(settingsBuilder(configuration), migratorDatabase(configuration), getMigratorFactory(configuration));
    }

    /** Where the migrator connects: {@code migrator.database} when it names a URL, the application's database otherwise. */
    PooledDataSourceFactory migratorDatabase(T configuration) {
        return getMigratorFactory(configuration).getDatabase().over(getDataSourceFactory(configuration));
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
        MigratorFactory factory = getMigratorFactory(configuration);
        return factory.settingsBuilder()
            .tenantSource(handle -> knownPrefixes(handle, configuration))
            .exceptionHandler(ExceptionHandlerChoice.of(this, factory.getExceptionHandler(), name.value()))
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

    /**
     * A Jersey filter that answers 503 (with {@code Retry-After: 5}) for a request whose path parameter
     * {@code pathParameter} names a tenant whose schema is behind the code or failed; see {@link TenantSchemaFilter}.
     * Register it in {@code Application.run}: {@code environment.jersey().register(bundle.tenantSchemaFilter("slug"))}.
     */
    public TenantSchemaFilter tenantSchemaFilter(String pathParameter) {
        return new TenantSchemaFilter(getMigrator(), pathParameter, java.time.Duration.ofSeconds(5));
    }

    /** This bundle's name: {@value #DEFAULT_NAME} unless the constructor was given another. */
    public String getName() {
        return name.value();
    }

    /** The name of this bundle's health check: {@value #HEALTH_CHECK_NAME}, or {@code <name>-migrations} for a named bundle. */
    public String getHealthCheckName() {
        return name.healthCheck();
    }

    /** The name of this bundle's connection pool: {@value #DATA_SOURCE_NAME}, or {@code <name>-migrator-database}. */
    public String getDataSourceName() {
        return name.dataSource();
    }
}
