package dev.tenantmigrator.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of one test's own, which the test can restart (same data, same port) as an
 * operator or a failover restarts a production server: sessions are ended, connections refused for a
 * moment, then accepted again.
 */
public final class RestartableServer implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    private RestartableServer(Path data, int port) throws IOException {
        this.data = data;
        this.port = port;
        this.server = start();
    }

    /** Starts a new server with its data in {@code data}. */
    public static RestartableServer start(Path data) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new RestartableServer(data, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Never cleaned: a server started with cleaning deletes its data when it stops, so the restart would start empty. */
    private EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("fsync", "off")
            .start();
    }

    /** The JDBC URL of its {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Stops the server (ending every session) and starts it again on the same data and port. */
    public synchronized void restart() {
        try {
            server.close();
            server = start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
    }
}
