package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.KeepaliveSocketFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes the migrator's connection pool for its workers (one connection per worker plus one for the
 * reads between them) and bounds the waits of its connections, unless the configuration says
 * otherwise. Only Dropwizard's own {@link DataSourceFactory} can be changed; another
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
     * For a running server: raises the pool's maximum when it is below what the workers need, and adds
     * driver properties that only bound waits (the application may share these settings, and keeps any
     * it gave): TCP keepalive timed to notice a dead peer within {@code networkTimeout} (a schema lock
     * lives as long as its connection), and a login that gives up after it. Read timeouts are set by
     * the migrator on the connections it holds, never here, as they would cut the application's long
     * queries short.
     */
    public static void forServer(PooledDataSourceFactory database, int concurrency, Duration networkTimeout) {
        if (database instanceof DataSourceFactory sized) {
            sized.setMaxSize(Math.max(sized.getMaxSize(), connectionsFor(concurrency)));
            Map<String, String> properties = sized.getProperties();
            properties.putIfAbsent("tcpKeepAlive", "true");
            if (!networkTimeout.isZero()) {
                long seconds = Math.max(1, networkTimeout.toSeconds());
                if (properties.putIfAbsent("socketFactory", KeepaliveSocketFactory.class.getName()) == null) {
                    properties.put("socketFactoryArg", String.valueOf(seconds));
                }
                properties.putIfAbsent("loginTimeout", String.valueOf(seconds));
            }
            movePasswordOutOfUrl(sized);
        }
    }

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&])password=([^&]*)&?");
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:postgresql://[^/?]*:[^/?]*@");

    /**
     * The driver and the pool quote the URL in their own log lines, so a password in it would land in
     * the logs: it moves to the data source's password (the same for the driver). A
     * {@code user:password@host} URL, which the driver cannot read at all, is refused.
     */
    static void movePasswordOutOfUrl(DataSourceFactory database) {
        String url = database.getUrl();
        if (url == null) {
            return;
        }
        if (USER_INFO.matcher(url).find()) {
            throw new MigratorException("database.url names a user and password before the host, which PostgreSQL's JDBC "
                + "driver cannot read; give them as database.user and database.password.");
        }
        Matcher m = PASSWORD_PARAMETER.matcher(url);
        if (m.find()) {
            String password = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String rest = url.substring(0, m.start()) + (m.group(0).endsWith("&") ? m.group(1) : "") + url.substring(m.end());
            database.setUrl(rest.endsWith("?") ? rest.substring(0, rest.length() - 1) : rest);
            database.setPassword(password);
        }
    }

    /**
     * For a command that runs once and exits: as {@link #forServer}, and opens no more connections
     * up front than it will use (Dropwizard's default opens ten at once, each a login).
     */
    public static void forCommand(PooledDataSourceFactory database, int concurrency, Duration networkTimeout) {
        forServer(database, concurrency, networkTimeout);
        if (database instanceof DataSourceFactory sized) {
            sized.setInitialSize(Math.min(sized.getInitialSize(), 1));
            sized.setMinSize(Math.min(sized.getMinSize(), connectionsFor(concurrency)));
        }
    }
}
