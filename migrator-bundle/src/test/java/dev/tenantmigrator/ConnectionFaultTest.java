package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.ChildUp;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Connections and processes that die in the middle of a migration. */
@ExtendWith(PostgresExtension.class)
class ConnectionFaultTest {

    private static final String SLOW = "20220101000002_slow.sql";

    @TempDir
    Path dir;
    private MigrationFolder tenant;
    private final List<MigrationFailure> handled = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void writeMigrations() {
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20220101000001_create_items.sql", "CREATE TABLE items (id int);", "DROP TABLE items;")
            .add(SLOW, "CREATE TABLE slow_part (id int);\nSELECT pg_sleep(3);", "DROP TABLE slow_part;");
    }

    private Migrator migrator(TestDatabase db) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .lockPollInterval(Duration.ofMillis(50))
            .exceptionHandler((exception, failure) -> handled.add(failure))
            .build());
    }

    @Test
    void aBackendKilledMidMigrationIsRetriedForItsSchemaWhoseRolledBackMigrationRunsAgainAndLeavesNoLock(TestDatabase db)
        throws Exception {
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> migrator(db).up());
        Await.until("the slow migration sleeping", () -> ServerSessions.running(db, "pg_sleep(3)"));

        db.queryOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%' "
            + "AND pid <> pg_backend_pid()", Integer.class);

        RunReport report = run.get(1, TimeUnit.MINUTES);
        assertThat(report.succeeded()).isTrue();
        assertThat(report.schemas().get(1).migrations()).containsExactly("20220101000001_create_items.sql", SLOW);
        assertThat(handled).isEmpty();
        assertThat(db.versions("t_a")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(db.tables("t_a")).contains("items", "slow_part");
        assertThat(ServerSessions.advisoryLocks(db)).isZero();
    }

    @Test
    void aBackendKilledOnEveryAttemptFailsThatSchemaClearly(TestDatabase db) throws Exception {
        Migrator once = new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a")))
            .connectAttempts(1)
            .exceptionHandler((exception, failure) -> handled.add(failure))
            .build());
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(once::up);
        Await.until("the slow migration sleeping", () -> ServerSessions.running(db, "pg_sleep(3)"));

        db.queryOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%' "
            + "AND pid <> pg_backend_pid()", Integer.class);

        assertThatThrownBy(() -> run.get(1, TimeUnit.MINUTES))
            .cause().isInstanceOf(RunFailedException.class)
            .hasMessageStartingWith(SLOW + " failed during up of schema t_a (nothing of it was kept): ")
            .hasMessageContaining("terminating connection due to administrator command");
        assertThat(handled).extracting(failure -> failure.migration().orElseThrow()).containsExactly(SLOW);
        assertThat(db.versions("t_a")).containsExactly(20220101000001L);
        assertThat(db.tables("t_a")).doesNotContain("slow_part");
        assertThat(ServerSessions.advisoryLocks(db)).isZero();
    }

    @Test
    void aMigratorProcessKilledMidMigrationLeavesNoLockBehindAndARerunCompletes(TestDatabase db) throws Exception {
        Process child = ChildUp.start(db, tenant.location(), dir.resolve("child.log"));
        try {
            Await.until("the slow migration sleeping", () -> ServerSessions.running(db, "pg_sleep(3)"));

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }

        RunReport rerun = migrator(db).up();

        assertThat(rerun.succeeded()).isTrue();
        assertThat(db.versions("t_a")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(db.tables("t_a")).contains("items", "slow_part");
        assertThat(ServerSessions.advisoryLocks(db)).isZero();
    }
}
