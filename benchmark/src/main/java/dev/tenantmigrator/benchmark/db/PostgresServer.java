package dev.tenantmigrator.benchmark.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server the benchmark runs on: the one {@code DATABASE_URL} (with
 * {@code DATABASE_USER}, {@code DATABASE_PASSWORD}) names, or else a zonky embedded PostgreSQL
 * with PostgreSQL's default settings (fsync and synchronous_commit on, which zonky alone would turn
 * off), stopped by {@link #close()}.
 */
public final class PostgresServer implements Closeable {

    private final JdbcUrl adminUrl;
    private final String user;
    private final String password;
    private final String origin;
    private final EmbeddedPostgres embedded;

    private PostgresServer(JdbcUrl adminUrl, String user, String password, String origin, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.origin = origin;
        this.embedded = embedded;
    }

    /** The server {@code DATABASE_URL} names, or a new embedded one. */
    public static PostgresServer fromEnvironment() throws IOException {
        String url = System.getenv("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(JdbcUrl.parse(url.strip()), envOr("DATABASE_USER", "postgres"),
                envOr("DATABASE_PASSWORD", ""), "DATABASE_URL", null);
        }
        // zonky starts PostgreSQL with fsync and synchronous_commit off; put PostgreSQL's defaults back,
        // so that commits cost what they cost on a real server.
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start();
        return new PostgresServer(JdbcUrl.parse(embedded.getJdbcUrl("postgres", "postgres")), "postgres", "",
            "zonky embedded PostgreSQL, PostgreSQL's default settings", embedded);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** The URL of the database the server was reached through (not one the benchmark creates). */
    public JdbcUrl adminUrl() {
        return adminUrl;
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password (possibly empty). */
    public String password() {
        return password;
    }

    /** Where the server came from: {@code DATABASE_URL} or the embedded one. */
    public String origin() {
        return origin;
    }

    /** A new connection to the admin database. */
    public Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(adminUrl.toString(), user, password);
    }

    /** The server's version and the settings that decide how much a commit costs. */
    public String describe() throws SQLException {
        try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
            return "PostgreSQL " + show(statement, "server_version") + " (" + origin + ", " + adminUrl.host() + ":"
                + adminUrl.port() + "): fsync=" + show(statement, "fsync") + ", synchronous_commit="
                + show(statement, "synchronous_commit") + ", full_page_writes=" + show(statement, "full_page_writes")
                + ", shared_buffers=" + show(statement, "shared_buffers") + ", max_connections="
                + show(statement, "max_connections");
        }
    }

    /** The server's major version number, such as 15. */
    public int majorVersion() throws SQLException {
        try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
            return Integer.parseInt(show(statement, "server_version_num")) / 10000;
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
