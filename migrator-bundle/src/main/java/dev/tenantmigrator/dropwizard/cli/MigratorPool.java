package dev.tenantmigrator.dropwizard.cli;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;

/**
 * Sizes the migrator's connection pool for its workers (one connection per worker plus one for the
 * reads between them) and turns on TCP keepalive for its connections, unless the configuration says otherwise. Only Dropwizard's own {@link DataSourceFactory} can be resized; another
 * {@link PooledDataSourceFactory} is left as configured.
 */
public final class MigratorPool {

    private MigratorPool() {
    }

    /** The connections a migrator with {@code concurrency} workers holds at most. */
    public static int connectionsFor(int concurrency) {
        return concurrency + 1;
    }

    /**
     * For a running server: raises the pool's maximum when it is below what the workers need, and
     * changes nothing else, since the application may share these settings.
     */
    public static void forServer(PooledDataSourceFactory database, int concurrency) {
        if (database instanceof DataSourceFactory sized) {
            sized.setMaxSize(Math.max(sized.getMaxSize(), connectionsFor(concurrency)));
            // A schema lock lives as long as its connection: TCP keepalive finds a dead peer on a silent connection.
            sized.getProperties().putIfAbsent("tcpKeepAlive", "true");
        }
    }

    /**
     * For a command that runs once and exits: as {@link #forServer}, and opens no more connections
     * up front than it will use (Dropwizard's default opens ten at once, each a login).
     */
    public static void forCommand(PooledDataSourceFactory database, int concurrency) {
        forServer(database, concurrency);
        if (database instanceof DataSourceFactory sized) {
            sized.setInitialSize(Math.min(sized.getInitialSize(), 1));
            sized.setMinSize(Math.min(sized.getMinSize(), connectionsFor(concurrency)));
        }
    }
}
