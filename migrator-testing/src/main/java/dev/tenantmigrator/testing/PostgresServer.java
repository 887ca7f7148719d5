package dev.tenantmigrator.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test run, chosen once per JVM: the server in
 * {@code TEST_DATABASE_URL} when set; else a Testcontainers container when a Docker engine answers;
 * else zonky's embedded PostgreSQL. Every test gets a database of its own on it.
 */
final class PostgresServer {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String kind;

    private PostgresServer(String adminUrl, String user, String password, String kind) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.kind = kind;
    }

    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
            System.out.println("Tests use PostgreSQL " + instance.serverVersion() + " from " + instance.kind + ": " + instance.adminUrl);
        }
        return instance;
    }

    private static PostgresServer start() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, envOr("TEST_DATABASE_USER", "postgres"), envOr("TEST_DATABASE_PASSWORD", ""),
                "TEST_DATABASE_URL");
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + majorVersion() + "-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers");
        }
        try {
            // Test data is thrown away, so skip the disk flushes that would otherwise dominate the run time.
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The major version the embedded binaries have, used for the container image too. */
    private static String majorVersion() {
        String version = System.getProperty("postgres.binaries.version", "17");
        return version.split("\\.")[0];
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private String serverVersion() {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = admin.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach PostgreSQL at " + adminUrl, e);
        }
    }

    /** Creates an empty database for one test. */
    TestDatabase createDatabase() {
        String name = "test_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + adminUrl, e);
        }
        return new TestDatabase(urlFor(adminUrl, name), user, password, name);
    }

    /** {@code url} with its database replaced by {@code database}. */
    static String urlFor(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + url);
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }
}
