package dev.tenantmigrator.example;

import dev.tenantmigrator.Excerpt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@code /tenants/{slug}/notes}: a tenant's notes, read from and written to the tenant's own schema. */
@Path("/tenants/{slug}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {

    private static final String COLUMNS = "id, body, to_json(created_at) #>> '{}' AS created_at";

    private final Tenants tenants;

    private static final RowMapper<Note> NOTE =
        (rs, ctx) -> new Note(rs.getLong("id"), rs.getString("body"), rs.getString("created_at"));

    NotesResource(Tenants tenants) {
        this.tenants = tenants;
    }

    /** A note as the API shows it. */
    public record Note(long id, String body, String createdAt) {
    }

    /** The request body: {@code {"body": "..."}}. */
    public record NewNote(@NotBlank String body) {
    }

    /** The tenant's notes, oldest first; 404 for an unknown tenant. */
    @GET
    public List<Note> list(@PathParam("slug") String slug) {
        return tenants.inSchema(slug, handle -> handle.createQuery("SELECT " + COLUMNS + " FROM notes ORDER BY id")
                .map(NOTE)
                .list())
            .orElseThrow(() -> unknown(slug));
    }

    /** Stores a note; 201 with the note, 404 for an unknown tenant. */
    @POST
    public Response add(@PathParam("slug") String slug, @Valid @NotNull NewNote note) {
        Note stored = tenants.inSchema(slug, handle -> handle.createQuery(
                    "INSERT INTO notes (body) VALUES (:body) RETURNING " + COLUMNS)
                .bind("body", note.body())
                .map(NOTE)
                .one())
            .orElseThrow(() -> unknown(slug));
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    private static NotFoundException unknown(String slug) {
        return new NotFoundException("Tenant " + Excerpt.quoted(slug) + " does not exist.");
    }
}
