package dev.tenantmigrator.dropwizard.handler;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.tenantmigrator.MigrationExceptionHandler;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code type: webhook}: logs each failure as {@code log} does, then POSTs a JSON summary of it to
 * {@code url} (see {@link WebhookExceptionHandler}):
 *
 * <pre>
 * exceptionHandler:
 *   type: webhook
 *   url: https://alerts.example.com/hooks/migrations
 *   connectTimeout: 2 seconds      # default
 *   readTimeout: 5 seconds         # default
 *   headers:                       # optional, e.g. a token; never logged
 *     Authorization: Bearer ${ALERTS_TOKEN}
 * </pre>
 */
@JsonTypeName("webhook")
public class WebhookExceptionHandlerFactory implements ExceptionHandlerFactory {

    @NotNull
    private URI url;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration connectTimeout = Duration.seconds(2);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration readTimeout = Duration.seconds(5);

    @NotNull
    private Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public MigrationExceptionHandler build(String bundle) {
        return new WebhookExceptionHandler(bundle, url, connectTimeout.toJavaDuration(), readTimeout.toJavaDuration(), headers);
    }

    /** Validation: the URL is absolute http or https. */
    @JsonIgnore
    @ValidationMethod(message = "url must be an http or https URL.")
    public boolean isHttpUrl() {
        return url == null || url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    /** Where the failures are posted. */
    @JsonProperty
    public URI getUrl() {
        return url;
    }

    /** Sets {@link #getUrl()}. */
    @JsonProperty
    public void setUrl(URI url) {
        this.url = url;
    }

    /** How long to wait for the connection; default 2 seconds. */
    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** Sets {@link #getConnectTimeout()}. */
    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long to wait for the answer once connected; default 5 seconds. */
    @JsonProperty
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /** Sets {@link #getReadTimeout()}. */
    @JsonProperty
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** Headers sent with every post, e.g. {@code Authorization}; none by default. */
    @JsonProperty
    public Map<String, String> getHeaders() {
        return headers;
    }

    /** Sets {@link #getHeaders()}. */
    @JsonProperty
    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }
}
