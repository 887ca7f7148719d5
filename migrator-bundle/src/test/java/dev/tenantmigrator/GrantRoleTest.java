package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code grantRole}: a runtime role without DDL rights can use what up migrates, and no more. */
@ExtendWith(PostgresExtension.class)
class GrantRoleTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db, String role) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_notes.sql", "CREATE TABLE notes (id bigserial PRIMARY KEY, body text);", "DROP TABLE notes;");
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .grantRole(role)
            .build());
    }

    @Test
    void theRuntimeRoleCanReadAndWriteAMigratedTenantButNotCreateTablesOrWriteItsHistory(TestDatabase db) {
        String role = "runtime_" + db.name();
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        migrator(db, role).up();
        new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000002_create_tags.sql", "CREATE TABLE tags (id bigserial PRIMARY KEY);", "DROP TABLE tags;");
        migrator(db, role).up();

        db.jdbi().useHandle(handle -> {
            handle.execute("SET ROLE " + role);
            try {
                handle.execute("INSERT INTO t_a.notes (body) VALUES ('hello')");
                handle.execute("INSERT INTO t_a.tags DEFAULT VALUES");
                assertThat(handle.createQuery("SELECT count(*) FROM t_a.notes").mapTo(Integer.class).one()).isOne();
                assertThat(handle.createQuery("SELECT count(*) FROM t_a.schema_migrations").mapTo(Integer.class).one()).isEqualTo(2);
                assertRefused(handle, "CREATE TABLE t_a.sneaky (id int)");
                assertRefused(handle, "DELETE FROM t_a.schema_migrations");
            } finally {
                handle.execute("RESET ROLE");
            }
        });
    }

    @Test
    void theRuntimeRoleCanReadButNotClearARecordedFailureMadeAfterTheGrants(TestDatabase db) {
        String role = "runtime_" + db.name();
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        migrator(db, role).up();
        new MigrationFolder(dir.resolve("tenant")).write("20220101000002_broken_index.sql",
            "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY notes_nowhere ON notes (nowhere);\n");
        assertThatThrownBy(() -> migrator(db, role).up()).isInstanceOf(RunFailedException.class);

        db.jdbi().useHandle(handle -> {
            handle.execute("SET ROLE " + role);
            try {
                assertThat(handle.createQuery("SELECT count(*) FROM t_a.schema_migration_failures").mapTo(Integer.class).one())
                    .isOne();
                assertRefused(handle, "DELETE FROM t_a.schema_migration_failures");
                assertRefused(handle, "UPDATE t_a.schema_migration_failures SET error = ''");
                assertRefused(handle, "INSERT INTO t_a.schema_migration_failures VALUES (1, 'x', 'y', now())");
                assertRefused(handle, "TRUNCATE t_a.schema_migration_failures");
            } finally {
                handle.execute("RESET ROLE");
            }
        });
    }

    @Test
    void theRuntimeRoleCanReadButNotWriteTheSummaryEvenWhereTheMainSchemasDefaultsWouldLetIt(TestDatabase db) {
        String role = "runtime_" + db.name();
        db.execute("CREATE ROLE " + role + " NOLOGIN");
        // Default privileges that give the role every right on each new table of the main schema, the summary's included.
        db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO " + role);
        migrator(db, role).up();

        db.jdbi().useHandle(handle -> {
            handle.execute("SET ROLE " + role);
            try {
                assertThat(handle.createQuery("SELECT count(*) FROM public.schema_migrations_summary").mapTo(Integer.class).one())
                    .isEqualTo(2);
                assertRefused(handle, "DELETE FROM public.schema_migrations_summary");
                assertRefused(handle, "UPDATE public.schema_migrations_summary SET digest = ''");
                assertRefused(handle, "INSERT INTO public.schema_migrations_summary (history_table, schema_name, digest, applied, "
                    + "failures, changed_at) VALUES (1, 'x', 'y', 0, false, now())");
                assertRefused(handle, "TRUNCATE public.schema_migrations_summary");
            } finally {
                handle.execute("RESET ROLE");
            }
        });
    }

    @Test
    void aRoleThatDoesNotExistFailsTheRunBeforeAnySchemaIsMigrated(TestDatabase db) {
        assertThatThrownBy(() -> migrator(db, "nobody_at_all").up())
            .hasMessage("grantRole 'nobody_at_all' is not a role of this database; create it, or leave the setting out.");
        assertThat(db.schemas()).containsExactly("public");
    }

    /** In autocommit, a refused statement changes nothing and the session goes on. */
    private static void assertRefused(Handle handle, String sql) {
        assertThatThrownBy(() -> handle.execute(sql)).hasMessageContaining("permission denied");
    }
}
