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
    void printsATableOfEverySchemaWithThePendingItems(TestDatabase db) {
        String config = partlyMigrated(db);

        Result result = CommandLine.run("db-status", config);

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
        assertThat(json.get("schemas").get(2).get("exists").asBoolean()).isFalse();
        assertThat(json.get("pending").get(1).asText()).isEqualTo("SCHEMA DOES NOT EXIST: tenant_b");
        assertThat(json.get("tenantListError").isNull()).isTrue();
    }

    @Test
    void isReadOnly(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();

        Result result = CommandLine.run("db-status", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("public    main    pending           0        1");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }
}
