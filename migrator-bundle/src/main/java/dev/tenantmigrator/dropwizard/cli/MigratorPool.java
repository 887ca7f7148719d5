package dev.tenantmigrator.dropwizard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.KeepaliveSocketFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jackson.Jackson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrator's own connection pool settings: a copy of the application's, sized for its workers
 * (one connection per worker plus one for the reads between them) and with the waits of its
 * connections bounded, unless the configuration says otherwise. The application's
 * {@link DataSourceFactory} is never changed, so its own pool is as it configured it. Only
 * Dropwizard's own {@link DataSourceFactory} can be copied; another {@link PooledDataSourceFactory}
 * is used as configured.
 */
public final class MigratorPool {

    /** Dropwizard's mapper as it reads YAML; a fresh one, as an application's mix-ins could hide the password. */
    private static final ObjectMapper COPIER = Jackson.newObjectMapper();

    private MigratorPool() {
    }

    /** The connections a migrator with {@code concurrency} workers holds at most. */
    public static int connectionsFor(int concurrency) {
        return concurrency + 1;
    }

    /**
     * The settings of the migrator's pool, for a running server and for a command alike: {@code configured} copied, its maximum
     * raised when it is below what the workers need, and driver properties added that only bound waits
     * (any the configuration gives are kept): TCP keepalive timed to notice a dead peer within
     * {@code networkTimeout} (a schema lock lives as long as its connection), and a login that gives up
     * after it. Read timeouts are set by the migrator on the connections it holds, never here, as they
     * would cut a migration's long statements short. It keeps one connection open, not the application's
     * minimum (ten by default, each a login at start): between health checks and onboardings it sits
     * idle, and with {@code migrator.database} every pod's idle connections count against PostgreSQL's own
     * limit.
     */
    public static PooledDataSourceFactory forMigrator(PooledDataSourceFactory configured, int concurrency, Duration networkTimeout) {
        if (!(configured instanceof DataSourceFactory dropwizards)) {
            return configured;
        }
        DataSourceFactory own = copyOf(dropwizards);
        own.setMaxSize(Math.max(own.getMaxSize(), connectionsFor(concurrency)));
        own.setInitialSize(Math.min(own.getInitialSize(), 1));
        own.setMinSize(Math.min(own.getMinSize(), 1));
        Map<String, String> properties = own.getProperties();
        properties.putIfAbsent("tcpKeepAlive", "true");
        if (!networkTimeout.isZero()) {
            long seconds = Math.max(1, networkTimeout.toSeconds());
            if (properties.putIfAbsent("socketFactory", KeepaliveSocketFactory.class.getName()) == null) {
                properties.put("socketFactoryArg", String.valueOf(seconds));
            }
            properties.putIfAbsent("loginTimeout", String.valueOf(seconds));
        }
        movePasswordOutOfUrl(own);
        return own;
    }

    /**
     * Every setting of {@code configured} in a new object of its class (an application's subclass
     * included), written and read back as Dropwizard reads the YAML, so a setting Dropwizard adds one
     * day is copied too.
     */
    public static <F extends DataSourceFactory> F copyOf(F configured) {
        @SuppressWarnings("unchecked")
        Class<F> type = (Class<F>) configured.getClass();
        try {
            return COPIER.convertValue(configured, type);
        } catch (IllegalArgumentException e) {
            // Jackson's words could quote a setting's value, a password among them: the cause keeps them.
            throw new MigratorException("The migrator's connection pool uses a copy of the database settings, and a "
                + type.getName() + " could not be copied; make it readable and writable as JSON, as Dropwizard's own is.", e);
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
}
