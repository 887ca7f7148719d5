package dev.tenantmigrator.example;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.dropwizard.cli.ExitStatusException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;

/** A small multi-tenant notes service: one schema per tenant, migrated by the bundle. */
public class NotesApplication extends Application<NotesConfiguration> {

    private final NotesMigratorBundle migrations = new NotesMigratorBundle();

    /** Runs a command: {@code server}, {@code db-up}, {@code db-down}, {@code db-ensure-up}, {@code db-status}. */
    public static void main(String[] args) throws Exception {
        new NotesApplication().run(args);
    }

    @Override
    public String getName() {
        return "notes";
    }

    @Override
    public void initialize(Bootstrap<NotesConfiguration> bootstrap) {
        // ${DATABASE_URL:-embedded} and friends; false: a variable without a default may be unset.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(migrations);
    }

    /**
     * Exits with the status a failed command asks for, e.g. 2 from {@code db-ensure-up} when it could not
     * tell whether migrations are up; Dropwizard's own exits 1 for every failure.
     */
    @Override
    protected void onFatalError(Throwable failure) {
        System.exit(ExitStatusException.statusOf(failure));
    }

    @Override
    public void run(NotesConfiguration configuration, Environment environment) {
        Jdbi jdbi = new JdbiFactory().build(environment, migrations.getDataSourceFactory(configuration), "database");
        Migrator migrator = migrations.getMigrator();
        Tenants tenants = new Tenants(jdbi, migrator);
        environment.jersey().register(new TenantsResource(tenants));
        environment.jersey().register(new NotesResource(tenants));
        // A request for a tenant whose schema a fleet run has not reached yet gets 503 with Retry-After, not an error.
        environment.jersey().register(migrations.tenantSchemaFilter("slug"));
    }
}
