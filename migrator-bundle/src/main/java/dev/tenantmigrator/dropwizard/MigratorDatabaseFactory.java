package dev.tenantmigrator.dropwizard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantmigrator.dropwizard.cli.MigratorPool;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code migrator.database}: where the migrator connects when the application's {@code database} goes through a
 * connection pooler (PgBouncer or a cloud pooler). The migrator holds session state for as long as it works on a
 * schema (advisory locks, a {@code search_path} outside transactions, {@code LISTEN}), which a pooler in
 * transaction mode would hand to other clients; so it connects to PostgreSQL directly, as Prisma's {@code
 * directUrl} does, while the application keeps its pooled URL. Every key left empty is the application's: with no
 * {@code url} the migrator uses the application's database as configured. Its commands, the startup guard, the
 * health check, {@code upTenant} and the fleet reads all use it.
 */
public class MigratorDatabaseFactory {

    private String url;
    private String user;
    private String password;
    @NotNull
    private Map<String, String> properties = new LinkedHashMap<>();

    /** The JDBC URL of PostgreSQL itself (not of the pooler); empty for the application's database. */
    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    /** The user to log in as; empty for the application's. */
    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    /** The password; empty for the application's. */
    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    /** Driver properties added to (or replacing) the application's. */
    @JsonProperty
    public Map<String, String> getProperties() {
        return properties;
    }

    @JsonProperty
    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /** Whether a URL is given, so that the migrator connects on its own. */
    @JsonIgnore
    public boolean isSet() {
        return !blank(url);
    }

    /**
     * The database settings the migrator uses: {@code application}'s as they are when no URL is given; otherwise a
     * copy of them (its pool settings kept) with this URL, and this user, password and these properties where given.
     * {@code application} itself is never changed.
     */
    public PooledDataSourceFactory over(PooledDataSourceFactory application) {
        if (!isSet()) {
            return application;
        }
        DataSourceFactory own = application instanceof DataSourceFactory dropwizards
            ? MigratorPool.copyOf(dropwizards) : new DataSourceFactory();
        if (blank(own.getDriverClass())) {
            own.setDriverClass("org.postgresql.Driver");
        }
        own.setUrl(url.trim());
        if (!blank(user)) {
            own.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            own.setPassword(password);
        }
        own.getProperties().putAll(properties);
        return own;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
