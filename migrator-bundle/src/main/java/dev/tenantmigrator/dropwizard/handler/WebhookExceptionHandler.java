package dev.tenantmigrator.dropwizard.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.internal.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failure as the {@code log} handler does, then POSTs a {@link WebhookPayload} to a URL. It
 * never fails or stalls the run: a post takes at most the connect and read timeouts together, its
 * failure is logged, and after a failed post the failures of the next {@link #PAUSE_AFTER_FAILED_POST}
 * are only logged, since a run that fails in thousands of schemas would otherwise wait out the
 * timeouts of an unreachable webhook once per schema.
 */
final class WebhookExceptionHandler implements MigrationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookExceptionHandler.class);

    /** How long to stop posting after a post failed. */
    static final Duration PAUSE_AFTER_FAILED_POST = Duration.ofMinutes(1);

    private final MigrationExceptionHandler log = MigrationExceptionHandler.logging();
    private final ObjectMapper json = new ObjectMapper();
    private final String bundle;
    private final URI url;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, String> headers;
    private final AtomicLong resumeAtNanos = new AtomicLong(System.nanoTime());
    private HttpClient client;

    WebhookExceptionHandler(String bundle, URI url, Duration connectTimeout, Duration readTimeout, Map<String, String> headers) {
        this.bundle = bundle;
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void handle(Exception exception, MigrationFailure failure) {
        log.handle(exception, failure);
        if (System.nanoTime() - resumeAtNanos.get() < 0) {
            LOG.debug("Not posting the failure to {}: a post failed less than {} ago", host(), PAUSE_AFTER_FAILED_POST);
            return;
        }
        try {
            int status = post(json.writeValueAsString(WebhookPayload.of(bundle, exception, failure)));
            if (status / 100 != 2) {
                pause("it answered " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pause("the run was interrupted");
        } catch (TimeoutException e) {
            pause("it did not answer within " + connectTimeout.plus(readTimeout).toMillis() + " ms");
        } catch (ExecutionException | JsonProcessingException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            pause(Secrets.redact(String.valueOf(cause)));
        }
    }

    /** Posts the body and returns the status; the whole exchange is bounded, not only its parts. */
    private int post(String body) throws InterruptedException, ExecutionException, TimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
            .timeout(readTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Void>> response = client().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        try {
            return response.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } finally {
            response.cancel(true);
        }
    }

    /** Built at the first failure: most runs fail nowhere, and a command should not pay for a client it never uses. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        }
        return client;
    }

    private void pause(String why) {
        resumeAtNanos.set(System.nanoTime() + PAUSE_AFTER_FAILED_POST.toNanos());
        LOG.warn("Could not post the migration failure to the webhook at {}: {}; failures in the next {} s are only logged",
            host(), why, PAUSE_AFTER_FAILED_POST.toSeconds());
    }

    /** Only scheme, host and port: a webhook's path and query are often its secret. */
    private String host() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
