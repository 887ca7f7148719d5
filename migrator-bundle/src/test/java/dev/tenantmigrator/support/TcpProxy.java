package dev.tenantmigrator.support;

import com.codahale.metrics.MetricRegistry;
import dev.tenantmigrator.dropwizard.cli.MigratorPool;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy to a test database, for the faults of a network: it can start listening only when the
 * test says (until then a connection is refused, as by a database that is still starting), freeze (every
 * connection, old and new, stays open and carries nothing more, as behind a frozen network path:
 * TCP itself still answers, so keepalive notices nothing) or cut every connection it carries.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+):([0-9]+)/(.*)");

    private final int port;
    private final String url;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object thaw = new Object();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean frozen;
    private volatile boolean closed;
    private volatile ServerSocket server;

    private TcpProxy(String databaseUrl) {
        Matcher m = HOST_PORT.matcher(databaseUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/ URL: " + databaseUrl);
        }
        String host = m.group(1);
        int targetPort = Integer.parseInt(m.group(2));
        this.port = freePort();
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/" + m.group(3);
        this.acceptor = new Thread(() -> serve(host, targetPort), "tcp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to the database at {@code databaseUrl} that refuses connections until {@link #listen()}. */
    public static TcpProxy notYetListening(String databaseUrl) {
        return new TcpProxy(databaseUrl);
    }

    /** A proxy to the database at {@code databaseUrl} that accepts connections at once. */
    public static TcpProxy to(String databaseUrl) {
        TcpProxy proxy = new TcpProxy(databaseUrl);
        proxy.listen();
        return proxy;
    }

    /** From now on (or very soon after), connections are accepted. */
    public void listen() {
        listening.countDown();
    }

    /** The database's JDBC URL through the proxy. */
    public String url() {
        return url;
    }

    /**
     * A pool to the database through the proxy, built as the commands build theirs (the migrator's copy of the
     * configured factory, with its bounded waits) for {@code concurrency} workers; stop it when done.
     */
    public ManagedDataSource pool(TestDatabase db, int concurrency, Duration networkTimeout) {
        DataSourceFactory database = new DataSourceFactory();
        database.setDriverClass("org.postgresql.Driver");
        database.setUrl(url);
        database.setUser(db.user());
        database.setPassword(db.password());
        return MigratorPool.forMigrator(database, concurrency, networkTimeout).build(new MetricRegistry(), "through-proxy");
    }

    /** From now on, no byte goes through in either direction; connections stay open and new ones are accepted. */
    public void freeze() {
        frozen = true;
    }

    /** Closes every connection the proxy carries now, on both sides; later connections go through. */
    public void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void serve(String host, int targetPort) {
        try {
            listening.await();
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket target = null;
                try {
                    target = new Socket(host, targetPort);
                    open.add(client);
                    open.add(target);
                    pump(client.getInputStream(), target.getOutputStream(), client, target);
                    pump(target.getInputStream(), client.getOutputStream(), client, target);
                } catch (IOException e) {
                    // A cut between accepting and pumping ends this connection, never the proxy: later ones go through.
                    closeQuietly(client);
                    if (target != null) {
                        closeQuietly(target);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // Closed: the test is over.
        }
    }

    private void pump(InputStream from, OutputStream to, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = from.read(buffer)) >= 0; ) {
                    // Held here while frozen: what was read is never written.
                    awaitThaw();
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed, or the proxy did.
            } finally {
                // A frozen path closes nothing: the other side keeps its socket open.
                if (!frozen) {
                    closeQuietly(a);
                    closeQuietly(b);
                }
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitThaw() throws InterruptedException {
        synchronized (thaw) {
            while (frozen && !closed) {
                thaw.wait(100);
            }
        }
        if (closed) {
            throw new InterruptedException("proxy closed");
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops accepting and closes every connection, frozen or not. */
    @Override
    public void close() throws IOException {
        closed = true;
        acceptor.interrupt();
        if (server != null) {
            server.close();
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }
}
