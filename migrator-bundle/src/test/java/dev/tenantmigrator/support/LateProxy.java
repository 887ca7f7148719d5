package dev.tenantmigrator.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy to a test database that starts listening only after a delay: until then, a
 * connection to its port is refused, as a database that is still starting refuses it.
 */
public final class LateProxy implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+):([0-9]+)/(.*)");

    private final int port;
    private final String url;
    private final Thread acceptor;
    private volatile ServerSocket server;

    private LateProxy(String databaseUrl, Duration delay) {
        Matcher m = HOST_PORT.matcher(databaseUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/ URL: " + databaseUrl);
        }
        String host = m.group(1);
        int targetPort = Integer.parseInt(m.group(2));
        this.port = freePort();
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/" + m.group(3);
        this.acceptor = new Thread(() -> serve(delay, host, targetPort), "late-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy to the database at {@code databaseUrl} that accepts connections after {@code delay}. */
    public static LateProxy to(String databaseUrl, Duration delay) {
        return new LateProxy(databaseUrl, delay);
    }

    /** The database's JDBC URL through the proxy. */
    public String url() {
        return url;
    }

    private void serve(Duration delay, String host, int targetPort) {
        try {
            Thread.sleep(delay.toMillis());
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket target = new Socket(host, targetPort);
                pump(client.getInputStream(), target.getOutputStream(), client, target);
                pump(target.getInputStream(), client.getOutputStream(), client, target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // Closed: the test is over.
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            try (a; b) {
                from.transferTo(to);
            } catch (IOException e) {
                // One side closed; closing both ends the other pump too.
            }
        }, "late-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        acceptor.interrupt();
        if (server != null) {
            server.close();
        }
    }
}
