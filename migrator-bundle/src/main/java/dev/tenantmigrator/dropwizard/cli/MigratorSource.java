package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorSettings;
import io.dropwizard.db.PooledDataSourceFactory;

/**
 * What a migrator command needs from the application: where its database is and the migrator's
 * settings. The bundle provides it, so the commands do not depend on the bundle.
 *
 * @param <T> the application's configuration class
 */
public interface MigratorSource<T> {

    /** The database the migrator works on. */
    PooledDataSourceFactory dataSourceFactory(T configuration);

    /** The migrator's settings from the configuration and the application's overrides, for a command to adjust and build. */
    MigratorSettings.Builder settings(T configuration);

    /** What the command names start with, e.g. {@code db} for {@code db-up}. */
    String name();

    /** The name of the migrator's connection pool. */
    String poolName();

    /** The loading of the classes the migrator needs first, shared by the commands (see {@link WarmUp}). */
    WarmUp warmUp();
}
