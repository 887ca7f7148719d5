package dev.tenantmigrator.dropwizard.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.util.Duration;
import java.nio.file.Path;
import java.util.List;
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
        MigrationsHealthCheck check = new MigrationsHealthCheck(migrator, Duration.seconds(0));

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

        Result result = new MigrationsHealthCheck(migrator, Duration.seconds(0)).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage())
            .startsWith("26 schemas checked, 25 items pending (25 schemas missing): SCHEMA DOES NOT EXIST: tenant_01; ")
            .contains("SCHEMA DOES NOT EXIST: tenant_20; and 5 more")
            .doesNotContain("tenant_21");
    }

    @Test
    void reusesAResultForTheCachePeriod(TestDatabase db) {
        Migrator migrator = migrator(db, List.of("tenant_a"));
        AtomicLong nanos = new AtomicLong();
        MigrationsHealthCheck check = new MigrationsHealthCheck(migrator::status, Duration.seconds(5), nanos::get);

        Result first = check.execute();
        migrator.up();
        nanos.addAndGet(Duration.seconds(4).toNanoseconds());
        Result withinPeriod = check.execute();
        nanos.addAndGet(Duration.seconds(1).toNanoseconds());
        Result afterPeriod = check.execute();

        assertThat(first.isHealthy()).isFalse();
        assertThat(withinPeriod.isHealthy()).isFalse();
        assertThat(afterPeriod.isHealthy()).isTrue();
    }

    @Test
    void isUnhealthyWhenTheDatabaseCannotBeReached(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Migrator unreachable = new Migrator(org.jdbi.v3.core.Jdbi.create("jdbc:postgresql://127.0.0.1:1/nowhere"),
            MigratorSettings.builder().mainLocation("filesystem:" + project.mainMigrations()).connectAttempts(1).build());

        Result result = new MigrationsHealthCheck(unreachable, Duration.seconds(0)).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("Could not connect to the database after 1 attempt");
    }
}
