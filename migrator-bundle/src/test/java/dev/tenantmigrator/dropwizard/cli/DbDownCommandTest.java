package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
class DbDownCommandTest {

    @TempDir
    Path dir;

    private String migratedProject(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        return config;
    }

    @Test
    void rollsBackFromTheGivenVersionInclusiveInEveryTenant(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", "--to", "20240103000000", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(
            "3 schemas: 2 rolled back (2 migrations), 1 with nothing to roll back.\n");
        assertThat(db.columns("tenant_a", "notes")).containsExactly("id", "body");
        assertThat(db.versions("tenant_b")).containsExactly(20240102000000L);
        assertThat(db.versions("public")).containsExactly(20240101000000L);
    }

    @Test
    void toZeroRollsBackTheMainSchemaToo(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", "--to", "0", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary");
        assertThat(db.versions("public")).isEmpty();
        assertThat(db.versions("tenant_a")).isEmpty();
    }

    @Test
    void rollsBackOnlyTheNamedTenantsAndLeavesTheMainSchemaAlone(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", "--to", "0", "--tenant", "tenant_a", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("1 schema: 1 rolled back (2 migrations), 0 with nothing to roll back.\n");
        assertThat(db.versions("tenant_a")).isEmpty();
        assertThat(db.versions("tenant_b")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(db.versions("public")).containsExactly(20240101000000L);
    }

    @Test
    void withoutToItIsAUsageErrorAndNothingIsRolledBack(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("argument --to is required");
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void aToThatIsNotANumberIsAUsageErrorAndNothingIsRolledBack(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", "--to", "yesterday", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("argument --to: 'yesterday' is not a migration version; "
            + "give a whole number of 0 or more, such as 20240101120000.\n");
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
    }

    @Test
    void aNegativeToIsAUsageError(TestDatabase db) {
        String config = migratedProject(db);

        Result result = CommandLine.run("db-down", "--to=-1", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("argument --to: '-1' is not a migration version;");
        assertThat(db.versions("public")).containsExactly(20240101000000L);
    }

    @Test
    void aMigrationWithoutADownSectionStopsTheRunBeforeAnythingIsRolledBack(TestDatabase db) throws Exception {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        java.nio.file.Files.writeString(project.mainMigrations().resolve("20240104000000_no_way_back.sql"),
            "-- migrate:up\nCREATE TABLE audit (id int);\n");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();

        Result result = CommandLine.run("db-down", "--to", "0", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("20240104000000_no_way_back.sql");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(db.versions("public")).containsExactly(20240101000000L, 20240104000000L);
    }
}
