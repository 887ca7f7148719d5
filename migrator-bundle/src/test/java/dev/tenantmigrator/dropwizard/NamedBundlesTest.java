package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.Serving;
import dev.tenantmigrator.support.TestBundle;
import dev.tenantmigrator.support.TwoDatabaseApplication;
import dev.tenantmigrator.support.TwoDatabaseConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two bundles in one service migrate two databases, each with its own commands, health check, pool and metrics. */
@ExtendWith(PostgresExtension.class)
class NamedBundlesTest {

    private static final String AUDIT_EVENTS = "20240201000000_create_events.sql";

    @TempDir
    Path dir;

    /** config.yml with the notes project on {@code main} and an audit project (its own main migration, no tenants) on {@code audit}. */
    private String config(TestDatabase main, TestDatabase audit, String startup) throws IOException {
        MigrationProject notes = MigrationProject.create(dir.resolve("notes"), main)
            .migratorSetting("tenants: [tenant_a]").migratorSetting("startup: " + startup);
        MigrationProject events = MigrationProject.create(dir.resolve("audit"), audit)
            .migratorSetting("startup: " + startup);
        Files.delete(events.mainMigrations().resolve(MigrationProject.CREATE_TENANTS));
        events.mainMigration(AUDIT_EVENTS, "CREATE TABLE events (id bigserial PRIMARY KEY);", "DROP TABLE events;");
        String yaml = Files.readString(Path.of(notes.config())) + events.sections("auditDatabase", "auditMigrator");
        return notes.writeConfig("two.yml", yaml);
    }

    private static Result run(String... arguments) {
        return CommandLine.run(TwoDatabaseApplication::new, arguments);
    }

    @Test
    void eachBundlesCommandsMigrateOnlyItsOwnDatabase(TestDatabase main, TestDatabase audit) throws IOException {
        String config = config(main, audit, "none");

        Result auditUp = run("audit-up", config);

        assertThat(auditUp.err()).isEmpty();
        assertThat(auditUp.out()).isEqualTo("1 schema: 1 migrated (1 migration), 0 already up to date.\n");
        assertThat(audit.tables("public")).containsExactly("events", "schema_migrations", "schema_migrations_summary");
        assertThat(main.tables("public")).isEmpty();

        Result dbUp = run("db-up", config);

        assertThat(dbUp.status()).as(dbUp.err()).isZero();
        assertThat(main.versions("public")).containsExactly(20240101000000L);
        assertThat(main.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(audit.schemas()).containsExactly("public");
        assertThat(audit.versions("public")).containsExactly(20240201000000L);
    }

    @Test
    void eachBundleHasItsOwnStatusAndRollback(TestDatabase main, TestDatabase audit) throws IOException {
        String config = config(main, audit, "none");
        assertThat(run("db-up", config).status()).isZero();
        assertThat(run("audit-up", config).status()).isZero();

        Result auditDown = run("audit-down", "--to", "20240201000000", config);
        Result auditEnsureUp = run("audit-ensure-up", config);
        Result dbEnsureUp = run("db-ensure-up", config);

        assertThat(auditDown.status()).as(auditDown.err()).isZero();
        assertThat(audit.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary");
        assertThat(auditEnsureUp.status()).isEqualTo(1);
        assertThat(auditEnsureUp.err()).isEqualTo("Migrations not up!\n" + AUDIT_EVENTS + "\n");
        assertThat(dbEnsureUp.status()).as(dbEnsureUp.err()).isZero();
    }

    @Test
    void theServerMigratesBothDatabasesAndReportsEachUnderItsOwnNames(TestDatabase main, TestDatabase audit) throws Exception {
        DropwizardTestSupport<TwoDatabaseConfiguration> server =
            new DropwizardTestSupport<>(TwoDatabaseApplication.class, config(main, audit, "migrate"));
        Serving.whileServing(server, serving -> {
            Environment environment = serving.getEnvironment();
            assertThat(main.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
            assertThat(audit.versions("public")).containsExactly(20240201000000L);
            assertThat(environment.healthChecks().getNames())
                .contains("migrations", "audit-migrations", "migrator-database", "audit-migrator-database");
            assertThat(environment.healthChecks().runHealthCheck("migrations").getMessage())
                .isEqualTo("2 schemas checked, all up to date");
            assertThat(environment.healthChecks().runHealthCheck("audit-migrations").getMessage())
                .isEqualTo("1 schema checked, all up to date");
            assertThat(environment.metrics().counter("db.migrator.migrations-applied").getCount()).isEqualTo(3);
            assertThat(environment.metrics().counter("audit.migrator.migrations-applied").getCount()).isEqualTo(1);
            TwoDatabaseApplication application = serving.getApplication();
            assertThat(application.audit().getMigrator().status().schemas()).hasSize(1);
        });
    }

    @Test
    void aNameThatWouldMakeABadCommandIsRefused() {
        assertThatThrownBy(() -> new TestBundle("Audit Log", System.out)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A migrator bundle's name must match [a-z][a-z0-9_-]*, such as db or audit; was 'Audit Log'.");
    }
}
