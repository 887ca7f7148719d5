package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DbStatusCommandTest {

    @TempDir
    Path dir;

    /** Main schema migrated, tenant_a migrated up to its first migration, tenant_b missing. */
    private String partlyMigrated(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();
        assertThat(CommandLine.run("db-up", "--tenant", "tenant_a", config).status()).isZero();
        assertThat(CommandLine.run("db-down", "--to", "20240103000000", "--tenant", "tenant_a", config).status()).isZero();
        return config;
    }

    @Test
    void printsTheSummaryThenOnlyTheSchemasThatAreNotUpToDateWithWhatEachLacks(TestDatabase db) {
        String config = partlyMigrated(db);

        Result result = CommandLine.run("db-status", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
            3 schemas: 1 up to date, 1 with pending migrations, 1 missing. Migrations are not up.

            SCHEMA    KIND    STATE    LACKS
            tenant_a  tenant  pending  1 pending: 20240103000000_add_note_title.sql
            tenant_b  tenant  missing  the schema; 2 pending: 20240102000000_create_notes.sql, 20240103000000_add_note_title.sql
            """);
    }

    @Test
    void atManyTenantsShowsOnlyTheFewThatAreNotUpToDate(TestDatabase db) {
        String tenants = IntStream.rangeClosed(1, 300).mapToObj(i -> String.format("t_%03d", i))
            .collect(Collectors.joining(", ", "tenants: [", "]"));
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting(tenants);
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        db.execute("DROP SCHEMA t_250 CASCADE");
        db.execute("DELETE FROM t_017.schema_migrations WHERE version = 20240103000000");
        project.mainMigration("20240105000000_create_plans.sql", "CREATE TABLE plans (id int);", "DROP TABLE plans;");

        Result result = CommandLine.run("db-status", config);
        Result all = CommandLine.run("db-status", "--all", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
            301 schemas: 298 up to date, 2 with pending migrations, 1 missing. Migrations are not up.

            SCHEMA  KIND    STATE    LACKS
            public  main    pending  1 pending: 20240105000000_create_plans.sql
            t_017   tenant  pending  1 pending: 20240103000000_add_note_title.sql
            t_250   tenant  missing  the schema; 2 pending: 20240102000000_create_notes.sql, 20240103000000_add_note_title.sql
            """);
        assertThat(all.out().lines()).as("header, every schema, pending items, summary").hasSize(1 + 301 + 2 + 3 + 2);
    }

    @Test
    void namesAFewPendingMigrationsAndCountsTheRest(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        for (int day = 4; day <= 8; day++) {
            project.tenantMigration("2024010" + day + "000000_step_" + day + ".sql", "SELECT 1;", "SELECT 1;");
        }

        Result result = CommandLine.run("db-status", project.config());

        assertThat(result.out()).endsWith("tenant_a  tenant  missing  the schema; 7 pending: 20240102000000_create_notes.sql, "
            + "20240103000000_add_note_title.sql, 20240104000000_step_4.sql and 4 more\n");
    }

    @Test
    void everythingUpToDateIsOneLine(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();

        Result result = CommandLine.run("db-status", config);

        assertThat(result.out()).isEqualTo("3 schemas: 3 up to date, 0 with pending migrations, 0 missing. Migrations are up.\n");
    }

    @Test
    void allPrintsATableOfEverySchemaWithThePendingItems(TestDatabase db) {
        String config = partlyMigrated(db);

        Result result = CommandLine.run("db-status", "--all", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
            SCHEMA    KIND    STATE       APPLIED  PENDING
            public    main    up to date        1        0
            tenant_a  tenant  pending           1        1
            tenant_b  tenant  missing           0        2

            Pending:
              20240103000000_add_note_title.sql (tenant: tenant_a)
              SCHEMA DOES NOT EXIST: tenant_b

            3 schemas: 1 up to date, 1 with pending migrations, 1 missing. Migrations are not up.
            """);
    }

    @Test
    void printsJsonForScripts(TestDatabase db) throws Exception {
        String config = partlyMigrated(db);

        Result result = CommandLine.run("db-status", "--json", config);

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("upToDate").asBoolean()).isFalse();
        assertThat(json.get("schemas")).hasSize(3);
        JsonNode tenantA = json.get("schemas").get(1);
        assertThat(tenantA.get("schema").asText()).isEqualTo("tenant_a");
        assertThat(tenantA.get("tenant").asBoolean()).isTrue();
        assertThat(tenantA.get("exists").asBoolean()).isTrue();
        assertThat(tenantA.get("applied").get(0).asText()).isEqualTo("20240102000000_create_notes.sql");
        assertThat(tenantA.get("pending").get(0).asText()).isEqualTo("20240103000000_add_note_title.sql");
        assertThat(tenantA.get("entries").toString()).isEqualTo("[{\"state\":\"applied\",\"version\":20240102000000,"
            + "\"name\":\"20240102000000_create_notes.sql\",\"at\":null,\"line\":\"20240102000000_create_notes.sql\"},"
            + "{\"state\":\"pending\",\"version\":20240103000000,\"name\":\"20240103000000_add_note_title.sql\",\"at\":null,"
            + "\"line\":\"20240103000000_add_note_title.sql\"}]");
        assertThat(json.get("schemas").get(2).get("exists").asBoolean()).isFalse();
        assertThat(json.get("pending").get(1).asText()).isEqualTo("SCHEMA DOES NOT EXIST: tenant_b");
        assertThat(json.get("tenantListError").isNull()).isTrue();
    }

    @Test
    void isReadOnly(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();

        Result result = CommandLine.run("db-status", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("public    main    pending  1 pending: 20240101000000_create_tenants.sql");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }
}
