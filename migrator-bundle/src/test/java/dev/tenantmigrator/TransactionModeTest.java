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

/** {@code transactionMode: per-schema}: a schema's transactional migrations commit together or not at all. */
@ExtendWith(PostgresExtension.class)
class TransactionModeTest {

    @TempDir
    Path dir;
    private MigrationFolder tenant;

    @BeforeEach
    void writeMigrations() {
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text);", "DROP TABLE items;");
    }

    private Migrator migrator(TestDatabase db, TransactionMode mode, String... tenants) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of(tenants)))
            .transactionMode(mode)
            .build());
    }

    /** Tables, columns with types and defaults, indexes and constraints of a schema, in a stable order. */
    private static List<String> catalog(TestDatabase db, String schema) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                WHERE n.nspname = :schema
                UNION ALL
                SELECT 'index ' || indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema
                UNION ALL
                SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(o.oid) FROM pg_constraint o
                JOIN pg_namespace n ON n.oid = o.connamespace WHERE n.nspname = :schema
                ORDER BY 1""").bind("schema", schema).mapTo(String.class).list());
    }

    private void addFiveMigrationsWhoseFifthFails() {
        tenant.add("20220101000002_add_price.sql", "ALTER TABLE items ADD COLUMN price int DEFAULT 0;", "SELECT 1;")
            .add("20220101000003_index_name.sql", "CREATE INDEX items_name ON items (name);", "SELECT 1;")
            .add("20220101000004_check_price.sql", "ALTER TABLE items ADD CONSTRAINT price_positive CHECK (price >= 0);", "SELECT 1;")
            .add("20220101000005_create_tags.sql", "CREATE TABLE tags (item int REFERENCES items (id));", "SELECT 1;")
            .add("20220101000006_broken.sql", "INSERT INTO items (id, name) VALUES (1, 'a'), (1, 'b');", "SELECT 1;");
    }

    @Test
    void perSchemaLeavesASchemaWhoseFifthMigrationFailsExactlyAsBeforeTheRun(TestDatabase db) {
        migrator(db, TransactionMode.PER_SCHEMA, "t_existing").up();
        List<String> before = catalog(db, "t_existing");
        addFiveMigrationsWhoseFifthFails();

        RunFailedException failed = (RunFailedException) assertThatThrownBy(
            () -> migrator(db, TransactionMode.PER_SCHEMA, "t_existing", "t_new").up())
            .isInstanceOf(RunFailedException.class).actual();

        assertThat(failed.failures()).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
            "20220101000006_broken.sql failed during up of schema t_existing (it shared one transaction with 4 other "
                + "migrations of this schema, and none of them was kept): ERROR: duplicate key value violates unique "
                + "constraint \"items_pkey\"",
            "20220101000006_broken.sql failed during up of schema t_new (it shared one transaction with 5 other "
                + "migrations of this schema, and none of them was kept): ERROR: duplicate key value violates unique "
                + "constraint \"items_pkey\"");
        assertThat(failed.report().migrationCount()).isZero();

        assertThat(catalog(db, "t_existing")).isEqualTo(before);
        assertThat(db.versions("t_existing")).containsExactly(20220101000001L);
        assertThat(db.schemas()).doesNotContain("t_new");
    }

    @Test
    void perMigrationKeepsTheFourMigrationsBeforeTheFailure(TestDatabase db) {
        migrator(db, TransactionMode.PER_MIGRATION, "t_existing").up();
        addFiveMigrationsWhoseFifthFails();

        assertThatThrownBy(() -> migrator(db, TransactionMode.PER_MIGRATION, "t_existing").up())
            .hasMessageStartingWith("20220101000006_broken.sql failed during up of schema t_existing (nothing of it was kept): ");

        assertThat(db.versions("t_existing")).containsExactly(20220101000001L, 20220101000002L, 20220101000003L,
            20220101000004L, 20220101000005L);
        assertThat(db.tables("t_existing")).contains("tags");
    }

    @Test
    void aMigrationOutsideATransactionSplitsTheSchemasRunThere(TestDatabase db) {
        migrator(db, TransactionMode.PER_SCHEMA, "t_a").up();
        tenant.add("20220101000002_create_tags.sql", "CREATE TABLE tags (id int);", "DROP TABLE tags;")
            .write("20220101000003_index_concurrently.sql",
                "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY items_name ON items (name);\n")
            .add("20220101000004_create_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;")
            .add("20220101000005_broken.sql", "SELECT * FROM no_such_table;", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db, TransactionMode.PER_SCHEMA, "t_a").up())
            .hasMessageStartingWith("20220101000005_broken.sql failed during up of schema t_a (it shared one transaction "
                + "with 1 other migration of this schema, and none of them was kept)");

        assertThat(db.versions("t_a")).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);
        assertThat(db.tables("t_a")).contains("tags").doesNotContain("notes");
    }

    @Test
    void perSchemaDownRollsBackAllOrNothing(TestDatabase db) {
        tenant.add("20220101000002_create_tags.sql", "CREATE TABLE tags (id int);", "DROP TABLE tags;")
            .add("20220101000003_create_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE no_such_table;");
        migrator(db, TransactionMode.PER_SCHEMA, "t_a").up();

        assertThatThrownBy(() -> migrator(db, TransactionMode.PER_SCHEMA, "t_a").down(0, List.of("t_a")))
            .hasMessageStartingWith("20220101000003_create_notes.sql failed during down of schema t_a");

        assertThat(db.versions("t_a")).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);
        assertThat(db.tables("t_a")).contains("items", "tags", "notes");
    }
}
