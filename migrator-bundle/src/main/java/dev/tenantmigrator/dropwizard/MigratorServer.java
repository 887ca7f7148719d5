package dev.tenantmigrator.dropwizard;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.dropwizard.cli.JooqBanner;
import dev.tenantmigrator.dropwizard.cli.MigratorPool;
import dev.tenantmigrator.dropwizard.health.MigrationsHealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;

/**
 * A bundle's part of a running server: the migrator on a connection pool of its own, the startup
 * mode applied, and the health check and metrics that report on it.
 */
final class MigratorServer {

    private final BundleName name;
    private final Environment environment;

    MigratorServer(BundleName name, Environment environment) {
        this.name = name;
        this.environment = environment;
    }

    /** Builds the migrator on {@code database}'s settings (copied, see {@link MigratorPool}), applies the startup mode and reports on it. */
    Migrator start(MigratorSettings.Builder settingsBuilder, PooledDataSourceFactory database, MigratorFactory factory) {
        JooqBanner.quiet();
        MigratorMetrics metrics = new MigratorMetrics(environment.metrics(), name);
        MigratorSettings settings = metrics.instrument(settingsBuilder.build());
        PooledDataSourceFactory own = MigratorPool.forMigrator(database, settings.concurrency(), settings.networkTimeout());
        Jdbi jdbi = new JdbiFactory().build(environment, own, name.dataSource());
        Migrator migrator = new Migrator(jdbi, settings);
        // The guard first: the health check's first reading then sees what a startup migration did.
        new StartupGuard(factory.getStartup()).apply(migrator);
        MigrationsHealthCheck healthCheck = MigrationsHealthCheck.cached(migrator::probeStatus,
            factory.getHealthCheckCache().toJavaDuration());
        environment.healthChecks().register(name.healthCheck(), healthCheck);
        metrics.watch(healthCheck::currentStatus);
        return migrator;
    }
}
