package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notes service as a client sees it: HTTP on the application and admin ports, over a real PostgreSQL. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotesServiceTest {

    static final String CONFIG = ServiceConfig.PATH;
    static final TestDatabase DB = PostgresExtension.newDatabase();
    static final DropwizardAppExtension<NotesConfiguration> APP = new DropwizardAppExtension<>(NotesApplication.class,
        CONFIG, ServiceConfig.overrides(DB, "migrate").toArray(ConfigOverride[]::new));

    /** Status and JSON body of one response, read at once so the client's pooled connection is released. */
    private record Reply(int status, JsonNode body) {
        static Reply of(Response response) {
            try (response) {
                return new Reply(response.getStatus(), response.hasEntity() ? response.readEntity(JsonNode.class) : null);
            }
        }
    }

    private Reply postTenant(String slug) {
        return post("/tenants", Map.of("slug", slug));
    }

    private Reply post(String path, Map<String, String> body) {
        return Reply.of(APP.client().target(app(path)).request().post(Entity.json(body)));
    }

    private Reply get(String path) {
        return Reply.of(APP.client().target(app(path)).request().get());
    }

    private static String app(String path) {
        return "http://localhost:" + APP.getLocalPort() + path;
    }

    private JsonNode migrationsHealth() {
        return Reply.of(APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck").request().get())
            .body().get("migrations");
    }

    @Test
    void postTenantCreatesTheTenantAndItsMigratedSchemaAtOnce() {
        Reply response = postTenant("globex");

        assertThat(response.status()).isEqualTo(201);
        assertThat(DB.versions("globex")).containsExactly(20240101000100L, 20240101000200L);
        assertThat(DB.tables("globex")).containsExactly("notes", "schema_migrations");
        assertThat(migrationsHealth().get("healthy").asBoolean()).isTrue();
    }

    @Test
    void healthTurnsUnhealthyForATenantWithoutASchemaAndHealthyAgainAfterDbUp() {
        DB.execute("INSERT INTO tenants (slug) VALUES ('orphan')");

        JsonNode unhealthy = migrationsHealth();
        int status = runCommand("db-up", CONFIG);
        JsonNode healthy = migrationsHealth();

        assertThat(unhealthy.get("healthy").asBoolean()).isFalse();
        assertThat(unhealthy.get("message").asText()).contains("SCHEMA DOES NOT EXIST: orphan");
        assertThat(status).isZero();
        assertThat(DB.versions("orphan")).containsExactly(20240101000100L, 20240101000200L);
        assertThat(healthy.get("healthy").asBoolean()).isTrue();
        assertThat(healthy.get("message").asText()).endsWith("schemas checked, all up to date");
    }

    @Test
    void aBadSlugGets422WithTheRuleAndChangesNothing() {
        List<String> schemasBefore = DB.schemas();

        Reply response = postTenant("Robert\"; DROP TABLE tenants; --");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("message").asText())
            .isEqualTo("Tenant name 'Robert\"; DROP TABLE tenants; --' is not allowed: it must match [a-z_][a-z0-9_]*.");
        assertThat(DB.schemas()).isEqualTo(schemasBefore);
        int robertRows = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tenants WHERE slug LIKE 'Robert%'")
            .mapTo(Integer.class).one());
        assertThat(robertRows).isZero();
    }

    /** The 422 quotes at most 80 characters of the slug it was sent, however long. */
    @Test
    void aMillionCharacterSlugGets422WithABoundedMessage() {
        List<String> schemasBefore = DB.schemas();

        Reply response = postTenant("A".repeat(1_000_000));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("message").asText()).isEqualTo("Tenant name '" + "A".repeat(77) + "...' (1000000 "
            + "characters) is not allowed: it must match [a-z_][a-z0-9_]*.");
        assertThat(DB.schemas()).isEqualTo(schemasBefore);
    }

    @Test
    void aTakenSlugGets409() {
        assertThat(postTenant("initech").status()).isEqualTo(201);

        Reply again = postTenant("initech");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("message").asText()).isEqualTo("Tenant 'initech' already exists.");
    }

    @Test
    void notesRoundTripWithinOneTenantsSchema() {
        assertThat(postTenant("acme").status()).isEqualTo(201);
        assertThat(postTenant("umbrella").status()).isEqualTo(201);

        Reply created = post("/tenants/acme/notes", Map.of("body", "buy anvils"));
        JsonNode acmeNotes = get("/tenants/acme/notes").body();
        JsonNode umbrellaNotes = get("/tenants/umbrella/notes").body();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("body").asText()).isEqualTo("buy anvils");
        assertThat(acmeNotes).hasSize(1);
        assertThat(acmeNotes.get(0).get("body").asText()).isEqualTo("buy anvils");
        assertThat(acmeNotes.get(0).get("createdAt").asText()).isNotBlank();
        assertThat(umbrellaNotes).isEmpty();
    }

    @Test
    void aTenantWhoseSchemaIsBehindTheCodeGets503WithRetryAfterUntilItIsMigrated() {
        assertThat(postTenant("vandelay").status()).isEqualTo(201);
        assertThat(postTenant("piedpiper").status()).isEqualTo(201);
        int down = runCommand("db-down", CONFIG, "--to", "20240101000200", "--tenant", "vandelay");

        Response behind = APP.client().target(app("/tenants/vandelay/notes")).request().get();
        Reply behindReply = Reply.of(behind);
        Reply current = get("/tenants/piedpiper/notes");
        int up = runCommand("db-up", CONFIG);
        Reply afterUp = get("/tenants/vandelay/notes");

        assertThat(down).isZero();
        assertThat(behind.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(behindReply.status()).isEqualTo(503);
        assertThat(behindReply.body().get("message").asText())
            .isEqualTo("The schema of tenant 'vandelay' is being migrated (1 migration pending); try again shortly.");
        assertThat(current.status()).isEqualTo(200);
        assertThat(up).isZero();
        assertThat(afterUp.status()).isEqualTo(200);
    }

    @Test
    void notesOfAnUnknownTenantAre404() {
        Reply list = get("/tenants/nobody/notes");
        Reply add = post("/tenants/nobody/notes", Map.of("body", "x"));

        assertThat(list.status()).isEqualTo(404);
        assertThat(list.body().get("message").asText()).isEqualTo("Tenant 'nobody' does not exist.");
        assertThat(add.status()).isEqualTo(404);
    }

    /** Runs one of the service's commands as {@code java -jar} would; the overrides above apply as system properties. */
    private static int runCommand(String... arguments) {
        ServiceCommand command = ServiceCommand.run(arguments);
        assertThat(command.output()).as("command output").doesNotContain("Exception");
        return command.status();
    }
}
