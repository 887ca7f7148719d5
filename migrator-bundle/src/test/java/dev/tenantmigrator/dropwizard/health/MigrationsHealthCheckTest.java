package dev.tenantmigrator.dropwizard.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigrationsHealthCheckTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db, List<String> tenants) {
        MigrationProject project = MigrationProject.create(dir, db);
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + dir.resolve("tenant_migrations"))
            .tenantSource(TenantSource.of(tenants))
            .connectAttempts(1)
            .build());
    }

    @Test
    void isUnhealthyListingWhatIsPendingAndHealthyOnceMigrated(TestDatabase db) {
        Migrator migrator = migrator(db, List.of("tenant_a", "tenant_b"));
        MigrationsHealthCheck check = MigrationsHealthCheck.onEveryProbe(migrator::probeStatus);

        Result before = check.execute();
        migrator.up();
        Result after = check.execute();

        assertThat(before.isHealthy()).isFalse();
        assertThat(before.getMessage()).isEqualTo("3 schemas checked, 3 items pending (2 schemas missing): "
            + "20240101000000_create_tenants.sql; SCHEMA DOES NOT EXIST: tenant_a; SCHEMA DOES NOT EXIST: tenant_b");
        assertThat(after.isHealthy()).isTrue();
        assertThat(after.getMessage()).isEqualTo("3 schemas checked, all up to date");
    }

    @Test
    void showsTheFirstTwentyPendingLinesAndCountsTheRest(TestDatabase db) {
        List<String> tenants = IntStream.rangeClosed(1, 25).mapToObj(i -> String.format("tenant_%02d", i)).toList();
        Migrator migrator = migrator(db, tenants);
        migrator.up(List.of());

        Result result = MigrationsHealthCheck.onEveryProbe(migrator::probeStatus).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage())
            .startsWith("26 schemas checked, 25 items pending (25 schemas missing): SCHEMA DOES NOT EXIST: tenant_01; ")
            .contains("SCHEMA DOES NOT EXIST: tenant_20; and 5 more")
            .doesNotContain("tenant_21");
    }

    @Test
    void inTheBackgroundAProbeGetsTheLatestReadingAtOnceEvenWhileASlowReadIsInProgress(TestDatabase db) throws Exception {
        Migrator migrator = migrator(db, List.of("tenant_a"));
        migrator.up();
        CountDownLatch slowReadStarted = new CountDownLatch(1);
        CountDownLatch releaseSlowRead = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            MigrationsHealthCheck check = MigrationsHealthCheck.inBackground(() -> {
                if (reads.incrementAndGet() > 1) {
                    slowReadStarted.countDown();
                    Await.untilOpen(releaseSlowRead);
                }
                return migrator.probeStatus();
            }, java.time.Duration.ofMillis(20), scheduler);

            assertThat(slowReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // The slow read waits for the latch, which opens only after the probe: a probe that waited for it never answers.
            Result whileReading = CompletableFuture.supplyAsync(check::execute).get(1, TimeUnit.MINUTES);

            assertThat(releaseSlowRead.getCount()).as("the slow read still in progress").isOne();
            assertThat(whileReading.isHealthy()).isTrue();
            assertThat(whileReading.getMessage()).isEqualTo("2 schemas checked, all up to date");
        } finally {
            releaseSlowRead.countDown();
            scheduler.shutdownNow();
        }
    }

    @Test
    void inTheBackgroundTheReadingFollowsTheDatabase(TestDatabase db) throws Exception {
        Migrator migrator = migrator(db, List.of("tenant_a"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            MigrationsHealthCheck check = MigrationsHealthCheck.inBackground(migrator::probeStatus,
                java.time.Duration.ofMillis(50), scheduler);
            awaitResult(check, false);

            migrator.up();

            assertThat(awaitResult(check, true).getMessage()).isEqualTo("2 schemas checked, all up to date");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void beforeItsFirstReadingABackgroundCheckIsUnhealthy() {
        CountDownLatch never = new CountDownLatch(1);
        ScheduledExecutorService blocked = Executors.newSingleThreadScheduledExecutor();
        try {
            MigrationsHealthCheck check = MigrationsHealthCheck.inBackground(() -> {
                Await.untilOpen(never);
                throw new IllegalStateException("not reached");
            }, java.time.Duration.ofSeconds(30), blocked);

            Result result = check.execute();

            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).isEqualTo("The first reading of the migrations is still in progress.");
        } finally {
            never.countDown();
            blocked.shutdownNow();
        }
    }

    private static Result awaitResult(MigrationsHealthCheck check, boolean healthy) {
        Result[] result = new Result[1];
        Await.until((healthy ? "a healthy" : "an unhealthy") + " result", () -> {
            result[0] = check.execute();
            return result[0].isHealthy() == healthy;
        });
        return result[0];
    }

    @Test
    void isUnhealthyWhenTheDatabaseCannotBeReached(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Migrator unreachable = new Migrator(org.jdbi.v3.core.Jdbi.create("jdbc:postgresql://127.0.0.1:1/nowhere"),
            MigratorSettings.builder().mainLocation("filesystem:" + project.mainMigrations()).connectAttempts(1).build());

        Result result = MigrationsHealthCheck.onEveryProbe(unreachable::probeStatus).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("Could not connect to the database after 1 attempt");
    }
}
