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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    void aProbeGetsTheLastReadingAtOnceWhileAnotherProbeReads(TestDatabase db) throws Exception {
        Migrator migrator = migrator(db, List.of("tenant_a"));
        migrator.up();
        CountDownLatch slowReadStarted = new CountDownLatch(1);
        CountDownLatch releaseSlowRead = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        MigrationsHealthCheck check = MigrationsHealthCheck.cached(() -> {
            if (reads.incrementAndGet() > 1) {
                slowReadStarted.countDown();
                Await.untilOpen(releaseSlowRead);
            }
            return migrator.probeStatus();
        }, java.time.Duration.ofSeconds(5), now::get);
        try {
            assertThat(check.execute().isHealthy()).isTrue();
            now.addAndGet(java.time.Duration.ofSeconds(5).toNanos());
            CompletableFuture<Result> slow = CompletableFuture.supplyAsync(check::execute);
            assertThat(slowReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // The slow read waits for the latch, which opens only after the probe: a probe that waited for it never answers.
            Result whileReading = CompletableFuture.supplyAsync(check::execute).get(1, TimeUnit.MINUTES);

            assertThat(releaseSlowRead.getCount()).as("the slow read still in progress").isOne();
            assertThat(whileReading.getMessage()).isEqualTo("2 schemas checked, all up to date");
            releaseSlowRead.countDown();
            assertThat(slow.get(1, TimeUnit.MINUTES).isHealthy()).isTrue();
            assertThat(reads).hasValue(2);
        } finally {
            releaseSlowRead.countDown();
        }
    }

    @Test
    void aTenantListedWithoutItsSchemaShowsOnceTheCachePeriodEnds(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Migrator migrator = new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations()).tenantLocation("filesystem:" + project.tenantMigrations())
            .tenantSource(TenantSource.query("SELECT slug FROM tenants ORDER BY slug")).build());
        migrator.up();
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        MigrationsHealthCheck check = MigrationsHealthCheck.cached(() -> {
            reads.incrementAndGet();
            return migrator.probeStatus();
        }, java.time.Duration.ofSeconds(5), now::get);
        assertThat(check.execute().isHealthy()).isTrue();

        db.execute("INSERT INTO public.tenants (slug) VALUES ('t_new')");
        now.addAndGet(java.time.Duration.ofMillis(4_900).toNanos());
        Result withinThePeriod = check.execute();
        now.addAndGet(java.time.Duration.ofMillis(100).toNanos());
        Result afterIt = check.execute();

        assertThat(withinThePeriod.isHealthy()).as("the reading of 4.9 s ago").isTrue();
        assertThat(afterIt.isHealthy()).isFalse();
        assertThat(afterIt.getMessage()).contains("SCHEMA DOES NOT EXIST: t_new");
        assertThat(check.currentStatus()).hasValueSatisfying(status -> assertThat(status.upToDate()).isFalse());
        assertThat(reads).as("one reading per period, gauges included").hasValue(2);
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
