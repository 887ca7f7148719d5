package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout that migrates first: once the migration job has applied the new release's migrations, the old pods'
 * code is older than the schemas. It still serves them (its status is up to date, its startup guard and health check
 * pass, its db-up has nothing to do), as Flyway treats future migrations; a file deleted below the newest is still a
 * problem.
 */
@ExtendWith(PostgresExtension.class)
class OlderCodeTest {

    private static final List<String> TENANTS = List.of("acme", "globex");

    @TempDir
    Path dir;

    @Test
    void codeOlderThanTheSchemasIsUpToDateAndHasNothingToDo(TestDatabase db) {
        new Migrator(db.jdbi(), settings(folder("new", 1, 2, 3))).up();
        Migrator old = new Migrator(db.jdbi(), settings(folder("old", 1, 2)));

        MigrationStatus status = old.status();
        old.ensureUp();
        RunReport report = old.up();

        assertThat(status.upToDate()).as(status.toString()).isTrue();
        assertThat(status.schemas().get(1).applied()).containsExactly("20240101000001_step.sql", "20240101000002_step.sql",
            "20240101000003 (applied by newer code: newer than every migration here)");
        assertThat(report.summary()).isEqualTo("3 schemas: 0 migrated (0 migrations), 3 already up to date.");
    }

    @Test
    void aFileDeletedBelowTheNewestIsStillMissing(TestDatabase db) {
        new Migrator(db.jdbi(), settings(folder("all", 1, 2, 3))).up();
        Migrator deleted = new Migrator(db.jdbi(), settings(folder("deleted", 1, 3)));

        assertThat(deleted.status().upToDate()).isFalse();
        assertThat(deleted.status().schemas().get(1).problems()).containsExactly("FILE MISSING: version 20240101000002");
        assertThatThrownBy(deleted::ensureUp).isInstanceOf(MigrationsNotUpException.class)
            .hasMessageContaining("FILE MISSING: version 20240101000002");
    }

    private MigrationFolder folder(String name, int... steps) {
        MigrationFolder folder = new MigrationFolder(dir.resolve(name));
        for (int step : steps) {
            folder.add((20240101000000L + step) + "_step.sql", "CREATE TABLE step" + step + " (id int);",
                "DROP TABLE step" + step + ";");
        }
        return folder;
    }

    private static MigratorSettings settings(MigrationFolder tenant) {
        return MigratorSettings.builder().tenantLocation(tenant.location()).tenantSource(TenantSource.of(TENANTS)).build();
    }
}
