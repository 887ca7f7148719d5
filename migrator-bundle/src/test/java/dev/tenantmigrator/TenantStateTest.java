package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.TenantState.State;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Migrator#tenantState}: up to date, behind with what is pending, missing, failed; cached for its period. */
@ExtendWith(PostgresExtension.class)
class TenantStateTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db, Duration cache) {
        MigrationProject project = MigrationProject.create(dir, db);
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + project.tenantMigrations())
            .tenantSource(TenantSource.of(List.of("t_up", "t_behind", "t_failed")))
            .tenantStateCache(cache)
            .build());
    }

    @Test
    void eachStateIsToldWithWhatItLacks(TestDatabase db) {
        Migrator migrator = migrator(db, Duration.ZERO);
        migrator.up();
        migrator.down(20240103000000L, List.of("t_behind"));
        db.execute("CREATE TABLE t_failed.schema_migration_failures (version bigint PRIMARY KEY, name text NOT NULL, "
            + "error text NOT NULL, failed_at timestamp(0) NOT NULL)");
        db.execute("INSERT INTO t_failed.schema_migration_failures VALUES (20240103000000, '20240103000000_add_note_title.sql', "
            + "'it broke', '2024-01-02 03:04:05')");

        assertThat(migrator.tenantState("t_up")).isEqualTo(new TenantState("t_up", State.UP_TO_DATE, List.of(), Optional.empty()));
        assertThat(migrator.tenantState("t_behind")).isEqualTo(new TenantState("t_behind", State.BEHIND,
            List.of("20240103000000_add_note_title.sql"), Optional.empty()));
        assertThat(migrator.tenantState("t_gone").state()).isEqualTo(State.MISSING);
        TenantState failed = migrator.tenantState("t_failed");
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.problem()).hasValueSatisfying(problem -> assertThat(problem)
            .startsWith("Schema t_failed has a recorded failure: 20240103000000_add_note_title.sql failed outside a transaction"));
        assertThatThrownBy(() -> migrator.tenantState("Bad Name")).isInstanceOf(MigratorException.class)
            .hasMessage("Tenant name 'Bad Name' is not allowed: it must match [a-z_][a-z0-9_]*.");
    }

    @Test
    void withinItsCachePeriodTheLastAnswerIsGivenWithoutAReadAndWithoutACacheEveryCallReads(TestDatabase db) {
        Migrator cached = migrator(db, Duration.ofHours(1));
        Migrator uncached = migrator(db, Duration.ZERO);
        cached.up();
        assertThat(cached.tenantState("t_up").upToDate()).isTrue();
        assertThat(uncached.tenantState("t_up").upToDate()).isTrue();

        cached.down(20240103000000L, List.of("t_up"));

        assertThat(cached.tenantState("t_up").upToDate()).as("the answer of the last hour").isTrue();
        assertThat(uncached.tenantState("t_up").state()).isEqualTo(State.BEHIND);
    }
}
