package dev.tenantmigrator.dropwizard.cli;

import static dev.tenantmigrator.support.MigrationProject.ADD_NOTE_TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

@ExtendWith(PostgresExtension.class)
class DbUpCommandTest {

    @TempDir
    Path dir;

    @Test
    void migratesTheMainSchemaThenEveryTenantAndSaysSo(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("3 schemas: 3 migrated (5 migrations), 0 already up to date.\n");
        assertThat(result.err()).isEmpty();
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
        assertThat(db.versions("public")).containsExactly(20240101000000L);
        for (String tenant : new String[] {"tenant_a", "tenant_b"}) {
            assertThat(db.columns(tenant, "notes")).containsExactly("id", "body", "title");
            assertThat(db.versions(tenant)).containsExactly(20240102000000L, 20240103000000L);
        }
    }

    @Test
    void migratesOnlyTheNamedTenantsWhenTenantIsGiven(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();

        Result result = CommandLine.run("db-up", "--tenant", "tenant_b", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("2 schemas: 2 migrated (3 migrations), 0 already up to date.\n");
        assertThat(db.schemas()).containsExactly("public", "tenant_b");
    }

    @Test
    void readsTenantsFromTheTenantsQuery(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\"").config();
        CommandLine.run("db-up", config);
        db.execute("INSERT INTO tenants VALUES ('acme'), ('globex')");

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(db.schemas()).containsExactly("acme", "globex", "public");
        assertThat(db.versions("globex")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void aSecondRunWithNothingPendingChangesNothing(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();
        CommandLine.run("db-up", config);

        Result again = CommandLine.run("db-up", config);

        assertThat(again.status()).isZero();
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void anUnknownTenantFailsWithOneSentenceAndCreatesNoTenantSchema(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();

        Result result = CommandLine.run("db-up", "--tenant", "tenant_x", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
            "Tenant 'tenant_x' is not a known tenant; known tenants come from the tenant source.\n");
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void aMigrationLocationThatDoesNotExistFailsBeforeTouchingTheDatabase(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        String broken = project.migratorSetting("tenants: [tenant_a]").configReplacing("broken.yml",
            "  migrations: filesystem:" + project.mainMigrations(), "  migrations: filesystem:" + dir.resolve("nowhere"));

        Result result = CommandLine.run("db-up", broken);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Migration location filesystem:" + dir.resolve("nowhere") + " does not exist.\n");
        assertThat(result.out()).isEmpty();
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void aBrokenMigrationFailsNamingTheDatabaseErrorWithoutAStackTrace(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .tenantMigration(ADD_NOTE_TITLE, "ALTER TABLE no_such_table ADD COLUMN title text;", "SELECT 1;")
            .migratorSetting("tenants: [tenant_a]").config();

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains(ADD_NOTE_TITLE).contains("no_such_table").doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L);
    }

    @Test
    void anUnreachableDatabaseFailsWithOneSentence(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        String config = project.configReplacing("unreachable.yml", db.url(), "jdbc:postgresql://127.0.0.1:1/nowhere");

        Result result = CommandLine.run("db-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("Could not connect to the database after 1 attempt: ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void anUnknownFlagIsAUsageErrorWithExitStatusOne(TestDatabase db) {
        String config = MigrationProject.create(dir, db).config();

        Result result = CommandLine.run("db-up", "--bogus", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("unrecognized arguments: '--bogus'");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void printsTheRunReportAsJson(TestDatabase db) throws Exception {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();
        CommandLine.run("db-up", "--tenant", "tenant_a", config);

        Result result = CommandLine.run("db-up", "--json", "--concurrency", "3", config);

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("operation").asText()).isEqualTo("up");
        assertThat(json.get("succeeded").asBoolean()).isTrue();
        assertThat(json.get("summary").asText()).isEqualTo("3 schemas: 1 migrated (2 migrations), 2 already up to date.");
        assertThat(json.get("elapsedMillis").isIntegralNumber()).isTrue();
        JsonNode counts = json.get("counts");
        assertThat(List.of(counts.get("schemas").asInt(), counts.get("migrated").asInt(), counts.get("upToDate").asInt(),
            counts.get("migratedElsewhere").asInt(), counts.get("failed").asInt(), counts.get("notAttempted").asInt(),
            counts.get("migrations").asInt())).containsExactly(3, 1, 2, 0, 0, 0, 2);
        JsonNode tenantB = json.get("schemas").get(2);
        assertThat(tenantB.get("schema").asText()).isEqualTo("tenant_b");
        assertThat(tenantB.get("tenant").asBoolean()).isTrue();
        assertThat(tenantB.get("outcome").asText()).isEqualTo("migrated");
        assertThat(tenantB.get("migrations")).extracting(JsonNode::asText)
            .containsExactly("20240102000000_create_notes.sql", "20240103000000_add_note_title.sql");
        assertThat(tenantB.get("failedMigration").isNull()).isTrue();
        assertThat(tenantB.get("error").isNull()).isTrue();
        assertThat(json.get("schemas").get(0).get("outcome").asText()).isEqualTo("up_to_date");
    }

    @Test
    void withContinueOnErrorMigratesTheOtherTenantsPrintsTheSummaryAndExitsOne(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .tenantMigration(ADD_NOTE_TITLE, "SELECT 1 / (CASE WHEN current_schema() = 'tenant_a' THEN 0 ELSE 1 END);",
                "SELECT 1;")
            .migratorSetting("tenants: [tenant_a, tenant_b, tenant_c]").config();

        Result result = CommandLine.run("db-up", "--continue-on-error", "--concurrency", "1", config);

        assertThat(result.status()).isEqualTo(1);
        // tenant_a kept its first migration, which ran in a transaction of its own: counted apart from the migrated schemas'.
        assertThat(result.out()).isEqualTo("4 schemas: 3 migrated (5 migrations), 0 already up to date, 1 failed: "
            + "tenant_a (20240103000000_add_note_title.sql: ERROR: division by zero); the failed schemas kept 1 migration "
            + "applied before their failure.\n");
        assertThat(result.err()).isEqualTo("20240103000000_add_note_title.sql failed during up of schema tenant_a "
            + "(nothing of it was kept): ERROR: division by zero\n");
        assertThat(db.versions("tenant_c")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void aConcurrencyBelowOneIsAUsageError(TestDatabase db) {
        String config = MigrationProject.create(dir, db).config();

        for (String bad : List.of("0", "-2", "many")) {
            Result result = CommandLine.run("db-up", "--concurrency", bad, config);

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err()).startsWith("argument --concurrency: '" + bad
                + "' is not a number of workers; give a whole number of 1 or more.\n");
        }
        assertThat(db.tables("public")).isEmpty();
    }
}
