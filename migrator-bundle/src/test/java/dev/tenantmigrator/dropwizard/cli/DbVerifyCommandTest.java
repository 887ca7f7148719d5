package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
class DbVerifyCommandTest {

    private static final String NOT_CHECKED_MAIN = "Main migrations: not checked; --main-in-scratch-database checks them in "
        + "a scratch database (it needs the CREATEDB privilege).";

    @TempDir
    Path dir;

    private static List<String> scratchDatabases(TestDatabase db) {
        return db.jdbi().withHandle(handle -> handle.createQuery(
            "SELECT datname FROM pg_database WHERE datname LIKE 'migrator\\_verify\\_%'").mapTo(String.class).list());
    }

    @Test
    void printsOneLinePerSetAndLeavesTheTenantsAlone(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();
        CommandLine.run("db-up", config);
        db.execute("INSERT INTO tenant_a.notes (body) VALUES ('kept')");

        Result result = CommandLine.run("db-verify", config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out().lines()).satisfiesExactly(
            main -> assertThat(main).isEqualTo(NOT_CHECKED_MAIN),
            tenant -> assertThat(tenant).matches("Tenant migrations: 2 migrations went up, down and up again in schema "
                + "migrator_verify_[0-9a-f]{12}; the catalog matched at every step\\."));
        assertThat(result.err()).isEmpty();
        assertThat(db.schemas()).containsExactly("public", "tenant_a");
        assertThat(db.queryOne("SELECT body FROM tenant_a.notes", String.class)).isEqualTo("kept");
    }

    @Test
    void checksTheMainMigrationsInAScratchDatabaseWhenAllowed(TestDatabase db) {
        String config = MigrationProject.create(dir, db).config();
        CommandLine.run("db-up", config);

        Result result = CommandLine.run("db-verify", "--main-in-scratch-database",
            config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out().lines()).satisfiesExactly(
            main -> assertThat(main).matches("Main migrations: 1 migration went up, down and up again in schema public of "
                + "database migrator_verify_[0-9a-f]{12}; the catalog matched at every step\\."),
            tenant -> assertThat(tenant).startsWith("Tenant migrations: 2 migrations went up, down and up again"));
        assertThat(scratchDatabases(db)).isEmpty();
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void aDownThatForgetsAnIndexFailsWithOneSentenceNamingItsMigration(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .tenantMigration("20240104000000_index_note_bodies.sql", "CREATE INDEX notes_body ON notes (body);", "SELECT 1;")
            .config();
        CommandLine.run("db-up", config);

        Result result = CommandLine.run("db-verify", config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("20240104000000_index_note_bodies.sql: its down section does not undo its up: "
            + "index notes_body is still there after it was rolled back.\n");
        assertThat(result.out()).isEqualTo(NOT_CHECKED_MAIN + "\n");
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void aMigrationWithoutDownFailsBeforeAnythingIsCreated(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .tenantFile("20240104000000_add_note_rank.sql", "-- migrate:up\nALTER TABLE notes ADD COLUMN rank int;\n")
            .config();
        CommandLine.run("db-up", config);

        Result result = CommandLine.run("db-verify", "--main-in-scratch-database",
            config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("20240104000000_add_note_rank.sql has no '-- migrate:down' section, so the "
            + "round-trip check cannot roll it back; nothing was checked.\n");
        assertThat(scratchDatabases(db)).isEmpty();
        assertThat(db.schemas()).containsExactly("public");
    }
}
