package dev.tenantmigrator.benchmark.ours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Talks to a running server's admin port: waits until it answers, then times {@code GET /healthcheck}. */
final class HealthProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int adminPort;

    HealthProbe(int adminPort) {
        this.adminPort = adminPort;
    }

    /** Polls {@code GET /ping} until it answers 200; false when the server died or {@code limit} passed. */
    boolean awaitAdmin(Duration limit, BooleanSupplier serverAlive) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && serverAlive.getAsBoolean()) {
            try {
                if (get("/ping").statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Times {@code count} sequential {@code GET /healthcheck} requests.
     *
     * @return the milliseconds of each, and the {@code migrations} check's verdict of the last one
     */
    Probes probe(int count) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        String verdict = "no answer";
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get("/healthcheck");
            millis.add((System.nanoTime() - started) / 1e6);
            verdict = verdict(response);
        }
        return new Probes(millis, verdict);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
            .timeout(Duration.ofMinutes(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Null when the migrations check is healthy, otherwise what it said. */
    private static String verdict(HttpResponse<String> response) {
        try {
            JsonNode migrations = JSON.readTree(response.body()).get("migrations");
            if (migrations == null) {
                return "no 'migrations' check in /healthcheck (HTTP " + response.statusCode() + ")";
            }
            if (migrations.path("healthy").asBoolean(false)) {
                return null;
            }
            String message = migrations.path("message").asText("");
            return "unhealthy: " + (message.length() > 120 ? message.substring(0, 117) + "..." : message);
        } catch (IOException e) {
            return "unreadable /healthcheck answer (HTTP " + response.statusCode() + ")";
        }
    }

    /**
     * The timed requests.
     *
     * @param millis each request's time, in order
     * @param problem null when the migrations check was healthy, else what was wrong
     */
    record Probes(List<Double> millis, String problem) {
    }
}
