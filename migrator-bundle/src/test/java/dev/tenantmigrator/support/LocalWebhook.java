package dev.tenantmigrator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A webhook receiver on a local port that keeps what it was sent; one that never answers stands for a stalled server. */
public final class LocalWebhook implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String pathAndQuery, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private LocalWebhook(boolean answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> receive(exchange, answers));
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver that answers 204 at once. */
    public static LocalWebhook answering() {
        return new LocalWebhook(true);
    }

    /** A receiver that reads each request and never answers (until closed). */
    public static LocalWebhook neverAnswering() {
        return new LocalWebhook(false);
    }

    /** The URL of {@code pathAndQuery} on this receiver, e.g. {@code http://127.0.0.1:40123/hooks?token=x}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** What was received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void receive(HttpExchange exchange, boolean answers) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (!answers) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
