package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantmigrator.testing.PgBouncer;
import dev.tenantmigrator.testing.PgBouncer.PoolMode;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The notes service as it runs on Kubernetes: its {@code database} through a PgBouncer in transaction mode, the
 * migrator's {@code migrator.database} straight to PostgreSQL. Every command, the startup guard, the health check and
 * {@code POST /tenants} work; without {@code migrator.database}, {@code db-up} refuses the pooler and changes nothing.
 */
@ExtendWith(PostgresExtension.class)
class BehindPgBouncerTest {

    @Test
    void withMigratorDatabaseDirectEveryCommandTheGuardTheHealthCheckAndNewTenantsWork(TestDatabase db) throws Exception {
        assumeTrue(PgBouncer.binary().isPresent(), "pgbouncer is not installed (.ci/run installs it)");
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 4)) {
            ServiceCommand refused = ServiceCommand.run(overrides(db, bouncer, "ensure-up", false), "db-up", ServiceConfig.PATH);
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.output()).contains("pool_mode = transaction").contains("migrator.database")
                .contains("nothing was changed").doesNotContain("Exception");
            assertThat(db.tables("public")).as("tables after the refused db-up").isEmpty();

            List<ConfigOverride> direct = overrides(db, bouncer, "ensure-up", true);
            assertThat(ServiceCommand.run(direct, "db-up", ServiceConfig.PATH).status()).isZero();
            assertThat(ServiceCommand.run(direct, "db-ensure-up", ServiceConfig.PATH).status()).isZero();

            DropwizardTestSupport<NotesConfiguration> server = new DropwizardTestSupport<>(NotesApplication.class,
                ServiceConfig.PATH, direct.toArray(ConfigOverride[]::new));
            server.before();
            Client client = ClientBuilder.newClient();
            try {
                String app = "http://localhost:" + server.getLocalPort();
                String health = "http://localhost:" + server.getAdminPort() + "/healthcheck";
                int created;
                try (Response response = client.target(app + "/tenants").request().post(Entity.json(Map.of("slug", "acme")))) {
                    created = response.getStatus();
                }
                JsonNode migrations;
                try (Response response = client.target(health).request().get()) {
                    migrations = response.readEntity(JsonNode.class).get("migrations");
                }

                assertThat(created).isEqualTo(201);
                assertThat(db.versions("acme")).containsExactly(20240101000100L, 20240101000200L);
                assertThat(migrations.get("healthy").asBoolean()).as(migrations.toString()).isTrue();
            } finally {
                client.close();
                server.after();
            }
            assertThat(db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", Integer.class))
                .as("advisory locks held by any session").isZero();
        }
    }

    /** The repository's config.yml with the application's database through the bouncer, and the migrator's direct or not. */
    private static List<ConfigOverride> overrides(TestDatabase db, PgBouncer bouncer, String startup, boolean migratorDirect) {
        List<ConfigOverride> overrides = new ArrayList<>(ServiceConfig.overrides(db, startup));
        overrides.addAll(List.of(
            ConfigOverride.config("database.url", bouncer.url()),
            // Server-side prepared statements do not survive a transaction pooler (PgBouncer before 1.21).
            ConfigOverride.config("database.properties.prepareThreshold", "0")));
        if (migratorDirect) {
            overrides.addAll(List.of(
                ConfigOverride.config("migrator.database.url", db.url()),
                ConfigOverride.config("migrator.database.user", db.user()),
                ConfigOverride.config("migrator.database.password", db.password())));
        }
        return overrides;
    }
}
