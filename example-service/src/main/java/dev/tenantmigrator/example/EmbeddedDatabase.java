package dev.tenantmigrator.example;

import dev.tenantmigrator.Excerpt;
import io.dropwizard.db.DataSourceFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a fresh checkout uses: when the configured url is {@value #URL_MARKER}, a zonky
 * embedded PostgreSQL whose data lives in {@code .data/postgres} (relative to the working
 * directory), so that {@code db-up}, {@code db-ensure-up} and {@code server} all see the same data.
 *
 * <p>When something already answers on the port (typically {@code server} running in another
 * process), that server is used and left alone; a server this process started is stopped when the
 * process ends.
 */
final class EmbeddedDatabase {

    /** The {@code database.url} that asks for the embedded server. */
    static final String URL_MARKER = "embedded";
    static final int DEFAULT_PORT = 54329;
    static final Path DATA_DIRECTORY = Path.of(".data", "postgres");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres started;

    private EmbeddedDatabase() {
    }

    /** Points {@code database} at the embedded server when its url asks for it, starting the server if none answers. */
    static synchronized DataSourceFactory resolve(DataSourceFactory database) {
        if (!URL_MARKER.equals(database.getUrl())) {
            return database;
        }
        int port = port();
        if (answers(port)) {
            LOG.info("Using the embedded PostgreSQL already running on port {}", port);
        } else {
            start(port);
        }
        database.setUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        database.setUser("postgres");
        database.setPassword("");
        return database;
    }

    private static int port() {
        String port = System.getenv("EMBEDDED_POSTGRES_PORT");
        try {
            return port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EMBEDDED_POSTGRES_PORT must be a port number, was " + Excerpt.quoted(port) + ".", e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void start(int port) {
        if (started != null) {
            return;
        }
        try {
            Files.createDirectories(DATA_DIRECTORY);
            LOG.info("Starting the embedded PostgreSQL on port {} with data in {}", port, DATA_DIRECTORY.toAbsolutePath());
            started = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(DATA_DIRECTORY)
                // Keep the data: it is what lets db-up and a later server share one database.
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }
}
