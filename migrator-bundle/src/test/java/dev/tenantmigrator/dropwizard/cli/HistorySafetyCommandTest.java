package dev.tenantmigrator.dropwizard.cli;

import static dev.tenantmigrator.support.MigrationProject.ADD_NOTE_TITLE;
import static dev.tenantmigrator.support.MigrationProject.CREATE_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Edited and deleted files, failures recorded outside a transaction, and the commands that repair them. */
@ExtendWith(PostgresExtension.class)
class HistorySafetyCommandTest {

    @TempDir
    Path dir;

    @Test
    void anEditedAndADeletedFileAreRefusedNamingBothUntilDbRepairAcceptsThem(TestDatabase db) throws Exception {
        // A migration after the one deleted: a deleted newest file would read as applied by newer code.
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]")
            .tenantMigration("20240104000000_add_note_tag.sql", "ALTER TABLE notes ADD COLUMN tag text;",
                "ALTER TABLE notes DROP COLUMN tag;");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        project.tenantMigration(CREATE_NOTES, "CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL, extra int);",
            "DROP TABLE notes;");
        Files.delete(project.tenantMigrations().resolve(ADD_NOTE_TITLE));

        Result up = CommandLine.run("db-up", config);
        Result ensureUp = CommandLine.run("db-ensure-up", config);
        Result status = CommandLine.run("db-status", "--all", config);

        assertThat(up.status()).isEqualTo(1);
        assertThat(up.err()).isEqualTo("Applied migrations no longer match their files: 20240102000000_create_notes.sql "
            + "was edited after it was applied (in 2 schemas: tenant_a, tenant_b); version 20240103000000 was applied but "
            + "its file is gone (in 2 schemas: tenant_a, tenant_b). Restore the files, or run db-repair to accept them as "
            + "they are now.\n");
        assertThat(db.columns("tenant_a", "notes")).containsExactly("id", "body", "title", "tag");
        assertThat(ensureUp.status()).isEqualTo(1);
        assertThat(ensureUp.err()).isEqualTo("""
            Migrations not up!
            CHANGED SINCE APPLIED: 20240102000000_create_notes.sql (tenant: tenant_a)
            FILE MISSING: version 20240103000000 (tenant: tenant_a)
            CHANGED SINCE APPLIED: 20240102000000_create_notes.sql (tenant: tenant_b)
            FILE MISSING: version 20240103000000 (tenant: tenant_b)
            """);
        assertThat(status.out()).contains("tenant_a  tenant  changed           3        0")
            .contains("3 schemas: 1 up to date, 0 with pending migrations, 0 missing, 2 failed or changed. Migrations are not up.");

        Result repair = CommandLine.run("db-repair", config);

        assertThat(repair.status()).as(repair.err()).isZero();
        assertThat(repair.out()).isEqualTo("""
            tenant_a: re-recorded the checksum of 20240102000000_create_notes.sql from its file as it is now
            tenant_a: accepted version 20240103000000, whose file is gone, as applied
            tenant_b: re-recorded the checksum of 20240102000000_create_notes.sql from its file as it is now
            tenant_b: accepted version 20240103000000, whose file is gone, as applied
            4 changes in 3 schemas.
            """);
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        assertThat(CommandLine.run("db-ensure-up", config).out()).isEqualTo("Migrations are up.\n");
        assertThat(CommandLine.run("db-repair", config).out()).isEqualTo("Nothing to change in 3 schemas.\n");
    }

    @Test
    void validateChecksumsFalseLetsAnEditedFilePass(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]")
            .migratorSetting("validateChecksums: false");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        project.tenantMigration(CREATE_NOTES, "CREATE TABLE notes (id int);", "DROP TABLE notes;");

        assertThat(CommandLine.run("db-up", config).status()).isZero();
        assertThat(CommandLine.run("db-ensure-up", config).status()).isZero();
    }

    @Test
    void historyRowsWithoutAChecksumAreAcceptedAndFilledIn(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        db.execute("UPDATE tenant_a.schema_migrations SET checksum = NULL");
        db.execute("ALTER TABLE public.schema_migrations DROP COLUMN checksum");

        assertThat(CommandLine.run("db-ensure-up", config).status()).isZero();
        Result up = CommandLine.run("db-up", config);

        assertThat(up.status()).as(up.err()).isZero();
        assertThat(up.out()).isEqualTo("2 schemas: 2 migrated (0 migrations), 0 already up to date.\n");
        assertThat(db.queryOne("SELECT count(*) FROM tenant_a.schema_migrations WHERE checksum IS NULL", Integer.class)).isZero();
        assertThat(db.queryOne("SELECT count(checksum) FROM public.schema_migrations", Integer.class)).isOne();
        assertThat(CommandLine.run("db-up", config).out()).isEqualTo("2 schemas: 0 migrated (0 migrations), 2 already up to date.\n");
    }

    @Test
    void aFailureOutsideATransactionIsRecordedAndRefusedWithoutRunningItsFirstStatementAgainUntilRepaired(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b]");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        project.tenantFile("20240104000000_index_notes.sql", """
            -- migrate:up transaction:false
            CREATE INDEX CONCURRENTLY notes_body ON notes (body);
            CREATE INDEX CONCURRENTLY notes_title ON notes (missing_column);
            """);

        Result failed = CommandLine.run("db-up", "--concurrency", "1", config);
        Result again = CommandLine.run("db-up", "--concurrency", "1", config);
        Result status = CommandLine.run("db-status", "--all", config);

        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).startsWith("20240104000000_index_notes.sql failed during up of schema tenant_a (it ran "
            + "outside a transaction, so the statements before the failing one stay applied; the failure is recorded and "
            + "db-up refuses this schema until you check it and run db-repair): statement 2 of 2 (line 3: CREATE INDEX "
            + "CONCURRENTLY notes_title ON notes (missing_column)) failed: ERROR: column \"missing_column\" does not exist");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).startsWith("Schema tenant_a has a recorded failure: 20240104000000_index_notes.sql failed "
            + "outside a transaction at ").contains("UTC (statement 2 of 2 (line 3: CREATE INDEX CONCURRENTLY notes_title ON "
            + "notes (missing_column)) failed: ERROR: column \"missing_column\" does not exist").endsWith(", so part of it "
            + "may be applied. Check what it left behind (for example an INVALID index from CREATE INDEX CONCURRENTLY: SELECT "
            + "indexrelid::regclass FROM pg_index WHERE NOT indisvalid), fix the schema by hand, then run db-repair --tenant "
            + "tenant_a.\n");
        assertThat(status.out()).contains("tenant_a  tenant  failed            2        1")
            .contains("FAILED: 20240104000000_index_notes.sql (tenant: tenant_a)");
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(db.versions("tenant_b")).as("never started: the run stopped at tenant_a")
            .containsExactly(20240102000000L, 20240103000000L);

        // The operator fixes the file, finishes the migration by hand in tenant_a and records it as applied there.
        project.tenantFile("20240104000000_index_notes.sql", """
            -- migrate:up transaction:false
            CREATE INDEX CONCURRENTLY notes_body ON notes (body);
            CREATE INDEX CONCURRENTLY notes_title ON notes (title);
            """);
        db.execute("CREATE INDEX notes_title ON tenant_a.notes (title)");
        Result marked = CommandLine.run("db-mark-applied", "--version", "20240104000000", "--tenant", "tenant_a", config);

        assertThat(marked.status()).as(marked.err()).isZero();
        assertThat(marked.out()).isEqualTo("""
            tenant_a: marked 20240104000000_index_notes.sql as applied without running it
            tenant_a: cleared the recorded failure of 20240104000000_index_notes.sql
            2 changes in 1 schema.
            """);
        assertThat(CommandLine.run("db-mark-applied", "--version", "20240104000000", "--tenant", "tenant_a", config).out())
            .isEqualTo("Nothing to change in 1 schema.\n");
        Result rest = CommandLine.run("db-up", config);
        assertThat(rest.status()).as(rest.err()).isZero();
        assertThat(rest.out()).isEqualTo("3 schemas: 1 migrated (1 migration), 2 already up to date.\n");
        assertThat(db.versions("tenant_b")).contains(20240104000000L);
    }

    @Test
    void dbRepairAfterAManualUndoLetsTheNextDbUpRunTheMigrationWhole(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        String config = project.config();
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        project.tenantFile("20240104000000_index_notes.sql", """
            -- migrate:up transaction:false
            CREATE INDEX CONCURRENTLY notes_body ON notes (body);
            CREATE INDEX CONCURRENTLY notes_pinned ON notes (pinned);
            """);
        assertThat(CommandLine.run("db-up", config).status()).isEqualTo(1);

        db.execute("DROP INDEX tenant_a.notes_body; ALTER TABLE tenant_a.notes ADD COLUMN pinned boolean");
        Result repair = CommandLine.run("db-repair", "--tenant", "tenant_a", config);
        Result up = CommandLine.run("db-up", config);

        assertThat(repair.out()).isEqualTo("tenant_a: cleared the recorded failure of 20240104000000_index_notes.sql\n"
            + "1 change in 1 schema.\n");
        assertThat(up.status()).as(up.err()).isZero();
        assertThat(db.versions("tenant_a")).contains(20240104000000L);
        assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE schemaname = 'tenant_a' "
            + "AND indexname IN ('notes_body', 'notes_pinned')", Integer.class)).isEqualTo(2);
    }

    @Test
    void markAppliedRefusesAVersionNoSetHasAndASchemaThatDoesNotExist(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]").config();
        assertThat(CommandLine.run("db-up", "--tenant", "tenant_a", config).status()).isZero();
        db.execute("DROP SCHEMA tenant_a CASCADE");

        Result unknown = CommandLine.run("db-mark-applied", "--version", "42", config);
        Result missing = CommandLine.run("db-mark-applied", "--version", "20240102000000", config);

        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("No migration has version 42: it is in neither filesystem:"
            + dir.resolve("migrations") + " nor filesystem:" + dir.resolve("tenant_migrations") + ".\n");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Schema tenant_a does not exist; db-mark-applied records migrations in "
            + "existing schemas only (db-up creates and migrates a new one).\n");
        assertThat(db.schemas()).containsExactly("public");
    }
}
