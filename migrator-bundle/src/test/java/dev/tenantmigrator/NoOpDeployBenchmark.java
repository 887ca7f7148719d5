package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what a deploy costs at scale: a first up over many tenants, then an up with nothing to
 * migrate, ensureUp and status. Not part of the normal test run (the name does not end in Test):
 * {@code mvn -B -pl migrator-bundle test -Dtest=NoOpDeployBenchmark -Dbenchmark.tenants=1000}.
 * Compare the ratios printed in one run; absolute times vary on a shared machine.
 */
@ExtendWith(PostgresExtension.class)
class NoOpDeployBenchmark {

    @TempDir
    Path dir;

    @Test
    void measureADeployWithNothingToMigrate(TestDatabase db) {
        int tenants = Integer.getInteger("benchmark.tenants", 1000);
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .add("20220101000001_create_tenants.sql", "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;");
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"));
        for (int v = 1; v <= 5; v++) {
            tenant.add((20220101000000L + v) + "_table" + v + ".sql", "CREATE TABLE t" + v + " (id bigint PRIMARY KEY, body text);",
                "DROP TABLE t" + v + ";");
        }
        List<String> names = IntStream.rangeClosed(1, tenants).mapToObj(i -> "tenant_" + i).toList();
        // Pooled, as under Dropwizard: opening a physical connection per schema would dominate the numbers.
        PoolProperties pool = new PoolProperties();
        pool.setUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setDriverClassName("org.postgresql.Driver");
        DataSource pooled = new DataSource(pool);
        Migrator migrator = new Migrator(Jdbi.create(pooled), MigratorSettings.builder()
            .mainLocation(main.location())
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(names))
            .build());

        Duration firstUp = time(migrator::up);
        Duration noOpUp = time(migrator::up);
        Duration ensureUp = time(migrator::ensureUp);
        Duration status = time(() -> assertThat(migrator.status().upToDate()).isTrue());

        System.out.printf("%nBENCHMARK tenants=%d migrations/tenant=5%n", tenants);
        System.out.printf("first up      %8d ms%n", firstUp.toMillis());
        System.out.printf("no-op up      %8d ms  (%.1f%% of first up)%n", noOpUp.toMillis(), 100.0 * noOpUp.toNanos() / firstUp.toNanos());
        System.out.printf("ensureUp      %8d ms%n", ensureUp.toMillis());
        System.out.printf("status        %8d ms%n%n", status.toMillis());
        assertThat(db.versions("tenant_" + tenants)).hasSize(5);
        pooled.close();
    }

    private static Duration time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
