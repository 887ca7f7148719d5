package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.Serving;
import dev.tenantmigrator.support.TestApplication;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's metrics: counters fed by every run, gauges read from the health check's latest reading. */
@ExtendWith(PostgresExtension.class)
class MigratorMetricsTest {

    /** A tenant migration that fails in the schema {@code broken} only. */
    private static final String REFUSE_BROKEN = "20240104000000_refuse_broken.sql";

    @TempDir
    Path dir;

    private MigrationProject project(TestDatabase db) {
        return MigrationProject.create(dir, db).tenantMigration(REFUSE_BROKEN,
            "DO $$ BEGIN IF current_schema() = 'broken' THEN RAISE EXCEPTION 'broken tenant'; END IF; END $$;", "SELECT 1;");
    }

    /** Every counter by its name under {@code db.migrator.}, with the timer's count as {@code runs}. */
    private static Map<String, Long> counts(MetricRegistry registry) {
        Map<String, Long> counts = registry.getCounters((name, metric) -> name.startsWith("db.migrator.")).entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().replace("db.migrator.", ""), e -> e.getValue().getCount()));
        counts.put("runs", registry.timer("db.migrator.runs").getCount());
        return counts;
    }

    private static Map<String, Long> expected(long runs, long runsFailed, long schemasMigrated, long applied, long rolledBack,
                                              long schemasFailed) {
        return Map.of("runs", runs, "runs-failed", runsFailed, "schemas-migrated", schemasMigrated, "migrations-applied", applied,
            "migrations-rolled-back", rolledBack, "schemas-failed", schemasFailed);
    }

    @Test
    void countsEachRunWhileTheApplicationsOwnListenerAndHandlerStillHearIt(TestDatabase db) {
        MigrationProject project = project(db);
        List<RunReport> heard = new ArrayList<>();
        List<MigrationFailure> handled = new ArrayList<>();
        MetricRegistry registry = new MetricRegistry();
        MigratorSettings settings = new MigratorMetrics(registry, new BundleName("db")).instrument(MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + project.tenantMigrations())
            .tenantSource(TenantSource.of(List.of("tenant_a", "broken")))
            .continueOnError(true)
            .connectAttempts(1)
            .runListener(heard::add)
            .exceptionHandler((exception, failure) -> handled.add(failure))
            .build());
        Migrator migrator = new Migrator(db.jdbi(), settings);

        assertThatThrownBy(migrator::up).isInstanceOf(RunFailedException.class);
        migrator.down(20240103000000L, List.of("tenant_a"));

        assertThat(heard).hasSize(2);
        assertThat(handled).extracting(MigrationFailure::schema).containsExactly(Optional.of("broken"));
        // Up: main (1) and tenant_a (3) migrated, broken kept 2 before failing; down rolled 2 back in tenant_a.
        assertThat(counts(registry)).isEqualTo(expected(2, 1, 2, 6, 2, 1));
    }

    @Test
    void aRunThatFailsBeforeAnySchemaCountsAsAFailedRun(TestDatabase db) {
        MigrationProject project = project(db);
        MetricRegistry registry = new MetricRegistry();
        Migrator migrator = new Migrator(db.jdbi(), new MigratorMetrics(registry, new BundleName("db")).instrument(
            MigratorSettings.builder()
                .mainLocation("filesystem:" + project.mainMigrations())
                .tenantLocation("filesystem:" + project.tenantMigrations())
                .tenantSource(TenantSource.query("SELECT slug FROM nowhere"))
                .connectAttempts(1)
                .build()));

        assertThatThrownBy(migrator::up).isInstanceOf(MigratorException.class);

        assertThat(counts(registry)).containsEntry("runs-failed", 1L).containsEntry("runs", 0L);
    }

    private void whileServing(TestDatabase db, String setting, Consumer<DropwizardTestSupport<TestConfiguration>> checks)
        throws Exception {
        String config = project(db).migratorSetting("tenants: [tenant_a, tenant_b]").migratorSetting(setting).config();
        Serving.whileServing(new DropwizardTestSupport<>(TestApplication.class, config), checks);
    }

    @Test
    void theServersCountersMoveWithTheStartupMigrationAndTheApplicationsOwnRuns(TestDatabase db) throws Exception {
        whileServing(db, "startup: migrate", server -> {
            MetricRegistry registry = server.getEnvironment().metrics();
            Migrator migrator = ((TestApplication) server.getApplication()).bundle().getMigrator();
            Map<String, Long> afterStartup = counts(registry);

            migrator.upTenant("globex");
            assertThatThrownBy(() -> migrator.upTenant("broken")).isInstanceOf(RunFailedException.class);

            assertThat(afterStartup).isEqualTo(expected(1, 0, 3, 7, 0, 0));
            assertThat(counts(registry)).isEqualTo(expected(3, 1, 4, 12, 0, 1));
        });
    }

    @Test
    void theGaugesReadTheStatusThroughTheHealthChecksCache(TestDatabase db) throws Exception {
        // The project's configuration caches nothing (healthCheckCache: 0s): every gauge reading is the database's now.
        whileServing(db, "startup: none", server -> {
            Environment environment = server.getEnvironment();
            Gauge<?> behind = environment.metrics().getGauges().get("db.migrator.schemas-behind");
            Gauge<?> missing = environment.metrics().getGauges().get("db.migrator.schemas-missing");

            Object behindWhilePending = behind.getValue();
            Object missingWhilePending = missing.getValue();
            ((TestApplication) server.getApplication()).bundle().getMigrator().up();

            assertThat(behindWhilePending).isEqualTo(3);
            assertThat(missingWhilePending).isEqualTo(2);
            assertThat(behind.getValue()).isEqualTo(0);
            assertThat(missing.getValue()).isEqualTo(0);
            assertThat(environment.healthChecks().runHealthCheck("migrations").isHealthy()).isTrue();
        });
    }
}
