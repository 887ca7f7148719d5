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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The migrator's metrics as an operator reads them: GET /metrics on the admin port. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotesMetricsTest {

    static final TestDatabase DB = PostgresExtension.newDatabase();
    static final DropwizardAppExtension<NotesConfiguration> APP = new DropwizardAppExtension<>(NotesApplication.class,
        ServiceConfig.PATH, ServiceConfig.overrides(DB, "migrate").toArray(ConfigOverride[]::new));

    private static JsonNode admin(String path) {
        try (Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + path).request().get()) {
            return response.readEntity(JsonNode.class);
        }
    }

    private static long counter(JsonNode metrics, String name) {
        return metrics.get("counters").get("db.migrator." + name).get("count").asLong();
    }

    @Test
    void onboardingATenantMovesTheCountersAndTheGaugesFollowTheHealthCheck() {
        JsonNode afterStartup = admin("/metrics");
        try (Response created = APP.client().target("http://localhost:" + APP.getLocalPort() + "/tenants").request()
            .post(Entity.json(Map.of("slug", "acme")))) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        DB.execute("INSERT INTO tenants (slug) VALUES ('orphan')");
        admin("/healthcheck");
        JsonNode metrics = admin("/metrics");

        // Startup (migrate) applied the main migration; POST /tenants then migrated acme's schema with two.
        assertThat(afterStartup.get("timers").get("db.migrator.runs").get("count").asLong()).isEqualTo(1);
        assertThat(counter(afterStartup, "migrations-applied")).isEqualTo(1);
        assertThat(metrics.get("timers").get("db.migrator.runs").get("count").asLong()).isEqualTo(2);
        assertThat(counter(metrics, "schemas-migrated")).isEqualTo(2);
        assertThat(counter(metrics, "migrations-applied")).isEqualTo(3);
        assertThat(counter(metrics, "schemas-failed")).isZero();
        // The health check read the tenant row without a schema: behind and missing.
        assertThat(metrics.get("gauges").get("db.migrator.schemas-behind").get("value").asInt()).isEqualTo(1);
        assertThat(metrics.get("gauges").get("db.migrator.schemas-missing").get("value").asInt()).isEqualTo(1);
    }
}
