package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.internal.TestMigration;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code db-up --dry-run} and {@code db-down --dry-run} print the plan with its SQL and change nothing at all. */
@ExtendWith(PostgresExtension.class)
class DryRunCommandTest {

    private static final String ADD_LABELS = "20240104000000_add_labels.sql";

    @TempDir
    Path dir;

    /** Main and tenant_a migrated, tenant_b missing, and a new two-statement tenant migration pending in both. */
    private String partlyMigrated(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]");
        String config = project.config();
        assertThat(CommandLine.run("db-up", "--tenant", "tenant_a", config).status()).isZero();
        project.tenantMigration(ADD_LABELS, "CREATE TABLE labels (id int,\n    name text);\nCREATE INDEX labels_id ON labels (id);",
            "DROP TABLE labels;");
        return config;
    }

    @Test
    void upPrintsEachSchemasMigrationsWithTheirStatementsAndChangesNothing(TestDatabase db) {
        String config = partlyMigrated(db);
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--dry-run", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
            Dry run of db-up: nothing is changed.

            tenant_a (tenant): applies 1 migration
              20240104000000_add_labels.sql, in a transaction, 2 statements:
                CREATE TABLE labels (id int,
                    name text);
                CREATE INDEX labels_id ON labels (id);

            tenant_b (tenant): creates the schema and its history table, applies 3 migrations
              20240102000000_create_notes.sql, in a transaction, 1 statement:
                CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);
              20240103000000_add_note_title.sql, in a transaction, 1 statement:
                ALTER TABLE notes ADD COLUMN title text;
              20240104000000_add_labels.sql, in a transaction, 2 statements (shown above)

            3 schemas planned, 2 with work, 4 migrations to apply.
            """);
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
        assertThat(CommandLine.run("db-up", config).out()).as("the run does what the plan said")
            .isEqualTo("3 schemas: 2 migrated (4 migrations), 1 already up to date.\n");
        assertThat(CatalogSnapshot.of(db)).as("the snapshot sees a change").isNotEqualTo(before);
    }

    @Test
    void upOnAnEmptyDatabaseCreatesNoSchemaAndNoHistoryTable(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--dry-run", "--tenant", "tenant_a", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("""
            Dry run of db-up: nothing is changed.

            public (main schema): creates its history table, applies 1 migration
              20240101000000_create_tenants.sql, in a transaction, 1 statement:
                CREATE TABLE tenants (slug text PRIMARY KEY);

            tenant_a (tenant): creates the schema and its history table, applies 2 migrations
            """).endsWith("\n2 schemas planned, 2 with work, 3 migrations to apply.\n");
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void upSaysSoWhenTheTenantListCanOnlyBeReadAfterThePendingMainMigrations(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\"").config();
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--dry-run", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
            Dry run of db-up: nothing is changed.

            public (main schema): creates its history table, applies 1 migration
              20240101000000_create_tenants.sql, in a transaction, 1 statement:
                CREATE TABLE tenants (slug text PRIMARY KEY);

            Tenant schemas: not planned. The tenant list can only be read after the main migrations above have run \
            (ERROR: relation "tenants" does not exist); db-up reads it once they have, then migrates the tenants.

            Every tenant schema the list will hold (a new one is created with its history table) gets what it lacks of \
            these 2 tenant migrations:
              20240102000000_create_notes.sql, in a transaction, 1 statement:
                CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);
              20240103000000_add_note_title.sql, in a transaction, 1 statement:
                ALTER TABLE notes ADD COLUMN title text;

            1 schema planned (not the tenants: the tenant list cannot be read before the main migrations run), 1 with \
            work, 1 migration to apply.
            """);
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void jsonGivesWhatEveryTenantGetsWhileTheTenantListCanOnlyBeReadAfterMain(TestDatabase db) throws Exception {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\"").config();

        Result result = CommandLine.run("db-up", "--dry-run", "--json", config);

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("tenantListError").asText()).isEqualTo("ERROR: relation \"tenants\" does not exist");
        assertThat(json.get("everyTenant")).extracting(migration -> migration.get("migration").asText())
            .containsExactly("20240102000000_create_notes.sql", "20240103000000_add_note_title.sql");
        assertThat(json.get("everyTenant").get(1).get("statements").get(0).get("sql").asText())
            .isEqualTo("ALTER TABLE notes ADD COLUMN title text");
    }

    @Test
    void downPrintsTheDownSectionsOfWhatItWouldRollBackAndChangesNothing(TestDatabase db) {
        String config = partlyMigrated(db);
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-down", "--to", "20240103000000", "--dry-run", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
            Dry run of db-down: nothing is changed.

            tenant_a (tenant): rolls back 2 migrations
              20240104000000_add_labels.sql, in a transaction, 1 statement:
                DROP TABLE labels;
              20240103000000_add_note_title.sql, in a transaction, 1 statement:
                ALTER TABLE notes DROP COLUMN title;

            tenant_b (tenant): rolls back 2 migrations
              20240104000000_add_labels.sql, in a transaction, 1 statement (shown above)
              20240103000000_add_note_title.sql, in a transaction, 1 statement (shown above)

            3 schemas planned, 2 with work, 4 migrations to roll back.
            """);
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void downFailsAsTheRunWouldWhenAMigrationHasNoDownSection(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        String config = project.config();
        project.tenantFile(ADD_LABELS, "-- migrate:up\nCREATE TABLE labels (id int);\n");
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-down", "--to", "0", "--dry-run", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Cannot roll back " + ADD_LABELS + " in schema tenant_a: it has no "
            + "'-- migrate:down' section.\n");
        assertThat(result.out()).isEmpty();
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void jsonPrintsThePlanForScripts(TestDatabase db) throws Exception {
        String config = partlyMigrated(db);
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--dry-run", "--json", config);

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("operation").asText()).isEqualTo("up");
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.get("summary").asText()).isEqualTo("3 schemas planned, 2 with work, 4 migrations to apply.");
        assertThat(json.get("counts").toString()).isEqualTo("{\"schemas\":3,\"withWork\":2,\"migrations\":4}");
        assertThat(json.get("tenantListError").isNull()).isTrue();
        assertThat(json.get("everyTenant")).isEmpty();
        assertThat(json.get("schemas")).hasSize(2);
        JsonNode tenantA = json.get("schemas").get(0);
        assertThat(tenantA.get("schema").asText()).isEqualTo("tenant_a");
        assertThat(tenantA.get("tenant").asBoolean()).isTrue();
        assertThat(tenantA.get("exists").asBoolean()).isTrue();
        assertThat(tenantA.get("createsHistory").asBoolean()).isFalse();
        assertThat(tenantA.get("refusal").isNull()).isTrue();
        assertThat(tenantA.get("migrations").get(0).toString()).isEqualTo("{\"migration\":\"" + ADD_LABELS + "\","
            + "\"version\":20240104000000,\"transactional\":true,\"javaClass\":null,\"statements\":["
            + "{\"line\":2,\"sql\":\"CREATE TABLE labels (id int,\\n    name text)\"},"
            + "{\"line\":4,\"sql\":\"CREATE INDEX labels_id ON labels (id)\"}]}");
        assertThat(json.get("schemas").get(1).get("exists").asBoolean()).isFalse();
        assertThat(json.get("schemas").get(1).get("createsHistory").asBoolean()).isTrue();
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    /** Applications get the same plan from {@link Migrator#planUp()}; a Java migration is shown by its class. */
    @Test
    void aJavaMigrationIsShownAsJavaCodeByItsClass(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Migrator migrator = new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + project.tenantMigrations())
            .tenantSource(TenantSource.of(List.of("tenant_a")))
            .tenantJavaMigrations(List.of(TestMigration.of(20240105000000L)))
            .build());

        MigrationPlan plan = migrator.planUp();

        assertThat(plan.schemas()).hasSize(2);
        assertThat(plan.migrationCount()).isEqualTo(4);
        assertThat(PlanText.render("db-up", plan)).contains("""
                  20240103000000_add_note_title.sql, in a transaction, 1 statement:
                    ALTER TABLE notes ADD COLUMN title text;
                  20240105000000_m20240105000000, in a transaction:
                    Java code: dev.tenantmigrator.internal.TestMigration
                """);
        assertThat(db.schemas()).containsExactly("public");
    }
}
