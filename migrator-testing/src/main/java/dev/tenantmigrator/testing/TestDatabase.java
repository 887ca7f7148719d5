package dev.tenantmigrator.testing;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test's own database, with the catalog reads tests assert on. Its {@link #jdbi()} is pooled
 * with tomcat-jdbc, the pool Dropwizard builds, so connections are reused as in production; the
 * pools close when the test ends.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String name;
    private final List<org.apache.tomcat.jdbc.pool.DataSource> pools = new ArrayList<>();
    private final Jdbi jdbi;

    TestDatabase(String url, String user, String password, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
        this.jdbi = Jdbi.create(pooledDataSource(20));
    }

    public String url() { return url; }
    public String user() { return user; }
    public String password() { return password; }
    public String name() { return name; }
    public Jdbi jdbi() { return jdbi; }

    /** A new connection pool of its own with at most {@code maxConnections}, as a separate process would have. */
    public org.apache.tomcat.jdbc.pool.DataSource pooledDataSource(int maxConnections) {
        PoolProperties properties = new PoolProperties();
        properties.setUrl(url);
        properties.setUsername(user);
        properties.setPassword(password);
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setMaxActive(maxConnections);
        properties.setMaxIdle(maxConnections);
        properties.setInitialSize(0);
        properties.setMinIdle(0);
        org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource(properties);
        synchronized (pools) {
            pools.add(pool);
        }
        return pool;
    }

    /** Closes every pool this database opened. */
    @Override
    public void close() {
        synchronized (pools) {
            pools.forEach(pool -> pool.close(true));
            pools.clear();
        }
    }

    /** A Jdbi on another database of the same server, as the same user (e.g. a scratch database the test made). */
    public Jdbi onDatabase(String databaseName) {
        PGSimpleDataSource other = new PGSimpleDataSource();
        other.setUrl(PostgresServer.urlFor(url, databaseName));
        other.setUser(user);
        other.setPassword(password);
        return Jdbi.create(other);
    }

    /** A new unpooled data source for this database. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Runs SQL as written (several statements allowed). */
    public void execute(String sql) {
        jdbi.useHandle(handle -> handle.createScript(sql).execute());
    }

    /** The single value a query returns. */
    public <T> T queryOne(String sql, Class<T> type) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(type).one());
    }

    /** The schemas that are not PostgreSQL's own, sorted. */
    public List<String> schemas() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1")
            .mapTo(String.class).list());
    }

    /** The tables of one schema, sorted. */
    public List<String> tables(String schema) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY 1")
            .bind("schema", schema).mapTo(String.class).list());
    }

    /** The versions in a schema's history table, oldest first. */
    public List<Long> versions(String schema) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT version FROM " + SchemaRef.quote(schema) + ".schema_migrations ORDER BY version")
            .mapTo(Long.class).list());
    }

    /** The columns of a table, in order. */
    public List<String> columns(String schema, String table) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = :schema AND table_name = :table "
                    + "ORDER BY ordinal_position")
            .bind("schema", schema).bind("table", table).mapTo(String.class).list());
    }

    @Override
    public String toString() {
        return url;
    }
}
