package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.dropwizard.handler.WebhookExceptionHandlerFactory;
import dev.tenantmigrator.support.LocalWebhook;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.TestBundle;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The YAML's exception handler serves a bundle that does not override handleMigratorException; an override takes precedence. */
@ExtendWith(PostgresExtension.class)
class ExceptionHandlerChoiceTest {

    @TempDir
    Path dir;

    private TestConfiguration configuration(TestDatabase db, LocalWebhook webhook) {
        MigrationProject project = MigrationProject.create(dir, db)
            .tenantMigration(MigrationProject.ADD_NOTE_TITLE, "ALTER TABLE missing ADD COLUMN title text;", "SELECT 1;");
        TestConfiguration configuration = new TestConfiguration();
        configuration.migrator.setMigrations("filesystem:" + project.mainMigrations());
        configuration.migrator.setTenantMigrations("filesystem:" + project.tenantMigrations());
        configuration.migrator.setTenants(List.of("tenant_a"));
        WebhookExceptionHandlerFactory handler = new WebhookExceptionHandlerFactory();
        handler.setUrl(URI.create(webhook.url("/hooks")));
        configuration.migrator.setExceptionHandler(handler);
        return configuration;
    }

    @Test
    void aBundleWithoutAnOverrideUsesTheYamlHandler(TestDatabase db) {
        try (LocalWebhook webhook = LocalWebhook.answering()) {
            TestBundle bundle = new TestBundle(System.out);

            assertThatThrownBy(bundle.buildMigrator(configuration(db, webhook), db.jdbi())::up)
                .isInstanceOf(RunFailedException.class);

            assertThat(webhook.requests()).hasSize(1);
        }
    }

    @Test
    void anOverrideTakesPrecedenceOverTheYamlHandler(TestDatabase db) {
        List<MigrationFailure> overridden = new ArrayList<>();
        TestBundle bundle = new TestBundle(System.out) {
            @Override
            protected void handleMigratorException(Exception exception, MigrationFailure failure) {
                overridden.add(failure);
            }
        };
        try (LocalWebhook webhook = LocalWebhook.answering()) {

            assertThatThrownBy(bundle.buildMigrator(configuration(db, webhook), db.jdbi())::up)
                .isInstanceOf(RunFailedException.class);

            assertThat(overridden).extracting(failure -> failure.schema().orElseThrow()).containsExactly("tenant_a");
            assertThat(webhook.requests()).isEmpty();
        }
    }
}
