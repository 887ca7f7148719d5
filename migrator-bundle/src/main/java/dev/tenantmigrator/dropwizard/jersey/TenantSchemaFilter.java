package dev.tenantmigrator.dropwizard.jersey;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.TenantState;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;

/**
 * Answers {@code 503 Service Unavailable}, with {@code Retry-After} and a one-sentence JSON body, for a request
 * whose path names a tenant whose schema is behind the code (a fleet run has not reached it yet) or failed, so code
 * that expects the new schema never serves a half-migrated tenant. Requests without the path parameter, and tenants
 * whose schema is up to date or missing (the resource answers those, e.g. with 404), pass. Register it with
 * Jersey, e.g. {@code environment.jersey().register(bundle.tenantSchemaFilter("slug"))}; it asks
 * {@link Migrator#tenantState(String)}, which reads each tenant at most once per {@code tenantStateCache}.
 */
public final class TenantSchemaFilter implements ContainerRequestFilter {

    private final Migrator migrator;
    private final String pathParameter;
    private final Duration retryAfter;

    /**
     * @param pathParameter the name of the path parameter holding the tenant, e.g. {@code slug} of
     *     {@code /tenants/{slug}/notes}
     * @param retryAfter what {@code Retry-After} tells the client
     */
    public TenantSchemaFilter(Migrator migrator, String pathParameter, Duration retryAfter) {
        this.migrator = migrator;
        this.pathParameter = pathParameter;
        this.retryAfter = retryAfter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String tenant = request.getUriInfo().getPathParameters().getFirst(pathParameter);
        if (tenant == null) {
            return;
        }
        try {
            migrator.checkTenantName(tenant);
        } catch (MigratorException e) {
            // A name the tenant rule refuses cannot be a tenant's schema; the resource says what it says of unknown tenants.
            return;
        }
        TenantState state = migrator.tenantState(tenant);
        if (state.state() == TenantState.State.BEHIND || state.state() == TenantState.State.FAILED) {
            String sentence = state.state() == TenantState.State.BEHIND
                ? "The schema of tenant " + Excerpt.quoted(tenant) + " is being migrated (" + state.pending().size()
                    + (state.pending().size() == 1 ? " migration" : " migrations") + " pending); try again shortly."
                : "The schema of tenant " + Excerpt.quoted(tenant) + " has a failed migration and is unavailable until "
                    + "it is repaired.";
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 503, "message", sentence))
                .build());
        }
    }
}
