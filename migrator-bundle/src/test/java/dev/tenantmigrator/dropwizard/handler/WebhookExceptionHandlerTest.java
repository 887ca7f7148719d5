package dev.tenantmigrator.dropwizard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.LocalWebhook;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code exceptionHandler: {type: webhook}}: each failure is posted as JSON, and a webhook can neither fail nor stall a run. */
@ExtendWith(PostgresExtension.class)
class WebhookExceptionHandlerTest {

    /** A tenant migration that always fails, with a password in its message. */
    private static final String FAILING = "20240104000000_log_in.sql";

    @TempDir
    Path dir;

    private MigrationProject project(TestDatabase db) {
        return MigrationProject.create(dir, db).tenantMigration(FAILING,
            "DO $$ BEGIN RAISE EXCEPTION 'could not log in with password=hunter2'; END $$;", "SELECT 1;");
    }

    @Test
    void postsASummaryOfTheFailureWithoutThePassword(TestDatabase db) throws Exception {
        try (LocalWebhook webhook = LocalWebhook.answering()) {
            String config = project(db).migratorSetting("tenants: [tenant_a]")
                .migratorSetting("exceptionHandler: {type: webhook, url: '" + webhook.url("/hooks/migrations?key=k1") + "', "
                    + "headers: {Authorization: Bearer t0ken}}")
                .config();

            Result result = CommandLine.run("db-up", config);

            assertThat(result.status()).isEqualTo(1);
            assertThat(webhook.requests()).hasSize(1);
            LocalWebhook.Request request = webhook.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathAndQuery()).isEqualTo("/hooks/migrations?key=k1");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.authorization()).isEqualTo("Bearer t0ken");
            WebhookPayload payload = new ObjectMapper().readValue(request.body(), WebhookPayload.class);
            assertThat(payload).usingRecursiveComparison().ignoringFields("message")
                .isEqualTo(new WebhookPayload("db", "UP", "tenant_a", true, FAILING, null));
            assertThat(payload.message()).contains("could not log in with password=***").doesNotContain("hunter2");
        }
    }

    @Test
    void aWebhookThatNeverAnswersDelaysTheRunOnlyByItsTimeoutsAndOnlyOnce(TestDatabase db) throws Exception {
        try (LocalWebhook webhook = LocalWebhook.neverAnswering()) {
            String config = project(db).migratorSetting("tenants: [tenant_a, tenant_b, tenant_c]")
                .migratorSetting("continueOnError: true")
                .migratorSetting("exceptionHandler: {type: webhook, url: '" + webhook.url("/hooks") + "', "
                    + "connectTimeout: 200ms, readTimeout: 300ms}")
                .config();
            // Without its timeouts the post would wait for ever: the run would not end.
            Result result = CompletableFuture.supplyAsync(() -> CommandLine.run("db-up", config)).get(1, TimeUnit.MINUTES);

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.out()).contains("3 failed");
            // One post waited out its timeouts; the two failures after it were only logged.
            assertThat(webhook.requests()).hasSize(1);
        }
    }

    @Test
    void aWebhookWithoutAUrlIsAConfigurationError(TestDatabase db) {
        String config = project(db).migratorSetting("exceptionHandler: {type: webhook}").config();

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(config + " has an error: migrator.exceptionHandler.url must not be null.\n");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void anUnknownHandlerTypeIsAConfigurationError(TestDatabase db) {
        String config = project(db).migratorSetting("exceptionHandler: {type: pager}").config();

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith(config + " has an error: ").contains("pager").contains("exceptionHandler");
        assertThat(result.err().lines()).hasSize(1);
    }
}
