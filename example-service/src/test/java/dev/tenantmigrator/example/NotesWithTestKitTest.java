package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.testing.MigratedPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit next to DropwizardAppExtension, as README shows it: a migrated database, then the app on it. */
class NotesWithTestKitTest {

    @RegisterExtension
    @Order(1)
    static final MigratedPostgres DB = MigratedPostgres.with(settings -> settings
            .mainLocation("classpath:db/migrations")
            .tenantLocation("classpath:db/tenant_migrations"))
        .tenants(2);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<NotesConfiguration> APP = new DropwizardAppExtension<>(
        NotesApplication.class, ServiceConfig.PATH,
        ConfigOverride.config("database.url", () -> DB.database().url()),
        ConfigOverride.config("database.user", () -> DB.database().user()),
        ConfigOverride.config("database.password", () -> DB.database().password()),
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("migrator.startup", "ensure-up"),
        ConfigOverride.config("logging.level", "WARN"));

    @Test
    void theServiceStartsOnTheMigratedDatabaseAndOnboardsATenant() {
        assertThat(DB.database().schemas()).containsExactly("public", "tenant_1", "tenant_2");

        String tenants = "http://localhost:" + APP.getLocalPort() + "/tenants";
        try (Response created = APP.client().target(tenants).request().post(Entity.json(Map.of("slug", "acme")))) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        List<Map<String, Object>> notes = APP.client().target(tenants + "/acme/notes").request()
            .get(new GenericType<List<Map<String, Object>>>() { });
        assertThat(notes).isEmpty();
        assertThat(DB.database().versions("acme")).isEqualTo(DB.database().versions("tenant_1"));
    }
}
