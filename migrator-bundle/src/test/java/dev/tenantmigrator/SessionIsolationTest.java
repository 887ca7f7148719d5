package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every schema job starts on a session with nothing left by the job before it on the same pooled
 * connection: temporary tables, session settings, prepared statements, listeners.
 */
@ExtendWith(PostgresExtension.class)
class SessionIsolationTest {

    private static final int TENANTS = 9;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 2, 8})
    void noTenantMigrationSeesTheSessionStateOfAnotherSchema(int concurrency, TestDatabase db) {
        new MigrationFolder(dir.resolve("main"))
            .add("20240101000001_tenants.sql", "CREATE TABLE tenants AS SELECT 't_' || g AS slug FROM generate_series(1, "
                + TENANTS + ") g;", "DROP TABLE tenants;")
            // A session-level SET inside a committed transaction outlives it on the connection.
            .add("20240101000002_kiritimati.sql", "SET timezone TO 'Pacific/Kiritimati';\nSET work_mem TO '7MB';",
                "SELECT 1;");
        new MigrationFolder(dir.resolve("tenant"))
            .add("20240101000001_notes.sql", """
                CREATE TEMPORARY TABLE IF NOT EXISTS scratch AS SELECT current_schema() AS made_in;
                PREPARE made_here AS SELECT current_schema();
                LISTEN tenant_news;
                CREATE TABLE notes AS SELECT made_in, current_setting('TimeZone') AS zone,
                    current_setting('work_mem') AS work_mem FROM scratch;
                SET search_path TO public;""", "DROP TABLE notes;");
        Migrator migrator = new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation("filesystem:" + dir.resolve("main"))
            .tenantLocation("filesystem:" + dir.resolve("tenant"))
            .tenantSource(TenantSource.query("SELECT slug FROM tenants ORDER BY slug"))
            .concurrency(concurrency)
            .build());
        String defaults = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT current_setting('TimeZone') || ' ' || current_setting('work_mem')").mapTo(String.class).one());

        RunReport report = migrator.up();

        assertThat(report.succeeded()).isTrue();
        Map<String, String> expected = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> "t_" + i)
            .collect(Collectors.toMap(slug -> slug, slug -> slug + " " + defaults));
        Map<String, String> seen = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> "t_" + i)
            .collect(Collectors.toMap(slug -> slug, slug -> db.jdbi().withHandle(h -> h.createQuery(
                "SELECT made_in || ' ' || zone || ' ' || work_mem FROM " + slug + ".notes").mapTo(String.class).one())));
        assertThat(seen).isEqualTo(expected);
        // Nor is anything left for the pool's next user: the pooled sessions are still open, their temporary tables gone.
        int leftTemporaryTables = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM pg_class WHERE relname = 'scratch'").mapTo(Integer.class).one());
        assertThat(leftTemporaryTables).isZero();
    }
}
