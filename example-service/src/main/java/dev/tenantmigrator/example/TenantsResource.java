package dev.tenantmigrator.example;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code POST /tenants}: onboards a tenant, creating and migrating its schema at once. */
@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantsResource {

    private final Tenants tenants;

    TenantsResource(Tenants tenants) {
        this.tenants = tenants;
    }

    /** The request body: {@code {"slug": "acme"}}. */
    public record NewTenant(@NotNull String slug) {
    }

    /** 201 with the tenant; 422 when the slug breaks the tenant name rule; 409 when it is taken. */
    @POST
    public Response create(@Valid @NotNull NewTenant tenant) {
        try {
            tenants.checkSlug(tenant.slug());
        } catch (MigratorException e) {
            throw error(422, e.getMessage());
        }
        if (!tenants.create(tenant.slug())) {
            throw error(409, "Tenant " + Excerpt.quoted(tenant.slug()) + " already exists.");
        }
        return Response.created(URI.create("/tenants/" + tenant.slug() + "/notes")).entity(tenant).build();
    }

    private static WebApplicationException error(int status, String message) {
        return new WebApplicationException(Response.status(status)
            .type(MediaType.APPLICATION_JSON).entity(new ErrorMessage(status, message)).build());
    }
}
