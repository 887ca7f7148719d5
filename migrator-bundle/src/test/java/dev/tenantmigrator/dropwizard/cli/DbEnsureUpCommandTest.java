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
class DbEnsureUpCommandTest {

    @TempDir
    Path dir;

    @Test
    void beforeDbUpItExitsOneListingEveryPendingItemExactly(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();

        Result result = CommandLine.run("db-ensure-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("""
            Migrations not up!
            20240101000000_create_tenants.sql
            SCHEMA DOES NOT EXIST: tenant_a
            SCHEMA DOES NOT EXIST: tenant_b
            """);
        assertThat(result.out()).isEmpty();
        assertThat(db.tables("public")).as("read-only").isEmpty();
    }

    @Test
    void listsPendingTenantMigrationsWithTheirTenant(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        String config = project.config();
        CommandLine.run("db-up", config);
        project.tenantMigration("20240105000000_add_pinned.sql", "ALTER TABLE notes ADD COLUMN pinned boolean;", "SELECT 1;");

        Result result = CommandLine.run("db-ensure-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Migrations not up!\n20240105000000_add_pinned.sql (tenant: tenant_a)\n");
    }

    @Test
    void exitsTwoWhenTheDatabaseCannotBeReachedButOneWhenMigrationsArePending(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        String unreachable = project.configReplacing("unreachable.yml", db.url(), "jdbc:postgresql://127.0.0.1:1/notes");

        Result couldNotTell = CommandLine.run("db-ensure-up", unreachable);
        Result pending = CommandLine.run("db-ensure-up", project.config());

        assertThat(couldNotTell.status()).isEqualTo(2);
        assertThat(couldNotTell.err()).isEqualTo("Could not connect to the database after 1 attempt: Connection refused\n");
        assertThat(couldNotTell.out()).isEmpty();
        assertThat(pending.status()).isEqualTo(1);
        assertThat(pending.err()).startsWith("Migrations not up!\n");
    }

    @Test
    void exitsTwoWhenEverySchemaItReadIsUpButTheTenantListCouldNotBeRead(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        assertThat(CommandLine.run("db-up", project.config()).status()).isZero();
        String config = project.configReplacing("broken.yml", "tenants: [tenant_a]", "tenantsQuery: SELECT slug FROM no_such_table");

        Result result = CommandLine.run("db-ensure-up", config);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("""
            Could not tell whether migrations are up!
            TENANT LIST COULD NOT BE READ: ERROR: relation "no_such_table" does not exist
            """);
    }

    @Test
    void exitsOneWhileAMainMigrationIsPendingEvenIfTheTenantListCannotBeReadYet(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\"").config();

        Result result = CommandLine.run("db-ensure-up", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("""
            Migrations not up!
            20240101000000_create_tenants.sql
            TENANT LIST COULD NOT BE READ: ERROR: relation "tenants" does not exist
            """);
    }

    @Test
    void anUnknownTenantToCheckIsACouldNotTell(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();

        Result result = CommandLine.run("db-ensure-up", "--tenant", "nobody", config);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Tenant 'nobody' is not a known tenant; known tenants come from the tenant source.\n");
    }

    @Test
    void afterDbUpItExitsZero(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]").config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();

        Result result = CommandLine.run("db-ensure-up", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Migrations are up.\n");
        assertThat(result.err()).isEmpty();
    }
}
