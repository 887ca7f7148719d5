package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tenant names come from data; hostile ones must change nothing. */
@ExtendWith(PostgresExtension.class)
class TenantNameInjectionTest {

    private static final List<String> HOSTILE = List.of(
        "public\"; DROP SCHEMA public CASCADE; --",
        "x'; DROP TABLE tenants; --",
        "a;b",
        "tenant\"a",
        "public",
        "pg_catalog");

    @TempDir
    Path dir;
    private MigrationFolder main;
    private MigrationFolder tenant;

    @BeforeEach
    void writeMigrations() {
        main = new MigrationFolder(dir.resolve("main"))
            .add("20220101000001_create_tenants.sql", "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;");
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_foo.sql", "CREATE TABLE foo (id int);", "DROP TABLE foo;");
    }

    private MigratorSettings.Builder settings() {
        return MigratorSettings.builder().mainLocation(main.location()).tenantLocation(tenant.location());
    }

    @Test
    void hostileNamesFromATableFailTheRunNamingThemAndChangeNothing(TestDatabase db) {
        Migrator migrator = new Migrator(db.jdbi(), settings().tenantSource(TenantSource.query("SELECT slug FROM tenants")).build());
        migrator.up();
        for (String name : HOSTILE) {
            db.jdbi().useHandle(h -> h.execute("DELETE FROM tenants"));
            db.jdbi().useHandle(h -> h.execute("INSERT INTO tenants VALUES ('tenant_ok'), (?)", name));

            assertThatThrownBy(migrator::up)
                .isInstanceOf(MigratorException.class)
                .hasMessageStartingWith("Tenant name '" + name + "' is not allowed");

            assertThat(db.schemas()).containsExactly("public");
            assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
            assertThat(db.versions("public")).containsExactly(20220101000001L);
        }
    }

    @Test
    void hostileNamesAreRejectedByEveryOperation(TestDatabase db) {
        Migrator migrator = new Migrator(db.jdbi(), settings().tenantSource(TenantSource.of(List.of(HOSTILE.get(0)))).build());

        assertThatThrownBy(migrator::up).hasMessageStartingWith("Tenant name ");
        assertThatThrownBy(() -> migrator.down(0)).hasMessageStartingWith("Tenant name ");
        assertThatThrownBy(migrator::ensureUp).hasMessageStartingWith("Tenant name ");
        assertThatThrownBy(() -> migrator.upTenant("x\"; DROP SCHEMA public CASCADE; --")).hasMessageStartingWith("Tenant name ");

        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
    }

    @Test
    void evenAPermissivePatternOnlyEverCreatesTheSchemaNamedQuotedAsAnIdentifier(TestDatabase db) {
        String name = "evil\"; DROP SCHEMA public CASCADE; --";
        Migrator migrator = new Migrator(db.jdbi(), settings()
            .tenantNamePattern(".+")
            .tenantSource(TenantSource.of(List.of(name)))
            .build());

        migrator.up();

        assertThat(db.schemas()).containsExactly(name, "public");
        assertThat(db.tables(name)).containsExactly("foo", "schema_migrations");
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
        migrator.ensureUp();
        migrator.down(0);
        assertThat(db.tables(name)).containsExactly("schema_migrations");
        assertThat(db.schemas()).contains("public");
    }
}
