package dev.tenantmigrator.dropwizard;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.tenantmigrator.MigrationExceptionHandler;
import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RunListener;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaStatus;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The migrator's metrics on the admin port ({@code GET /metrics}), each named
 * {@code <bundle>.migrator.<metric>}, e.g. {@code db.migrator.runs}:
 *
 * <ul>
 *   <li>{@value #RUNS}: a timer of every up and down run that got as far as its report;</li>
 *   <li>{@value #RUNS_FAILED}: runs that failed, in a schema or before any (no connection, no tenant list);</li>
 *   <li>{@value #SCHEMAS_MIGRATED}, {@value #MIGRATIONS_APPLIED}: what up runs changed;</li>
 *   <li>{@value #MIGRATIONS_ROLLED_BACK}: what down runs undid;</li>
 *   <li>{@value #SCHEMAS_FAILED}: schemas that failed in up or down runs;</li>
 *   <li>{@value #SCHEMAS_BEHIND}, {@value #SCHEMAS_MISSING}: gauges of the health check's latest reading
 *       (schemas with pending migrations, missing or with a failed or changed migration; missing schemas),
 *       without a value before the first reading and while the database cannot be read.</li>
 * </ul>
 *
 * The counters hear the runs of the server's migrator (startup guard, the application's own calls such as
 * {@code upTenant}); commands run in processes of their own and report through their output instead.
 */
public final class MigratorMetrics {

    /** Timer: up and down runs. */
    public static final String RUNS = "runs";
    /** Counter: runs that failed. */
    public static final String RUNS_FAILED = "runs-failed";
    /** Counter: schemas an up run changed. */
    public static final String SCHEMAS_MIGRATED = "schemas-migrated";
    /** Counter: migrations up runs applied. */
    public static final String MIGRATIONS_APPLIED = "migrations-applied";
    /** Counter: migrations down runs rolled back. */
    public static final String MIGRATIONS_ROLLED_BACK = "migrations-rolled-back";
    /** Counter: schemas that failed. */
    public static final String SCHEMAS_FAILED = "schemas-failed";
    /** Gauge: schemas that are not up to date in the latest health reading. */
    public static final String SCHEMAS_BEHIND = "schemas-behind";
    /** Gauge: schemas that do not exist in the latest health reading. */
    public static final String SCHEMAS_MISSING = "schemas-missing";

    private final MetricRegistry registry;
    private final BundleName name;
    private final Timer runs;
    private final Counter runsFailed;
    private final Counter schemasMigrated;
    private final Counter migrationsApplied;
    private final Counter migrationsRolledBack;
    private final Counter schemasFailed;

    /** Registers the timer and counters of the bundle {@code name} (or finds them, when registered before). */
    MigratorMetrics(MetricRegistry registry, BundleName name) {
        this.registry = registry;
        this.name = name;
        this.runs = registry.timer(name.metric(RUNS));
        this.runsFailed = registry.counter(name.metric(RUNS_FAILED));
        this.schemasMigrated = registry.counter(name.metric(SCHEMAS_MIGRATED));
        this.migrationsApplied = registry.counter(name.metric(MIGRATIONS_APPLIED));
        this.migrationsRolledBack = registry.counter(name.metric(MIGRATIONS_ROLLED_BACK));
        this.schemasFailed = registry.counter(name.metric(SCHEMAS_FAILED));
    }

    /**
     * The same settings, with a run listener and an exception handler that feed these metrics before
     * handing each report and failure on to the ones {@code settings} had, so the application's keep working.
     */
    MigratorSettings instrument(MigratorSettings settings) {
        RunListener listener = settings.runListener();
        MigrationExceptionHandler handler = settings.exceptionHandler();
        return settings.toBuilder()
            .runListener(report -> {
                record(report);
                listener.finished(report);
            })
            .exceptionHandler((exception, failure) -> {
                // A run that fails outside any schema ends without a report; the handler is the only one told.
                if (failure.schema().isEmpty() && isRun(failure.operation())) {
                    runsFailed.inc();
                }
                handler.handle(exception, failure);
            })
            .build();
    }

    /** Registers the gauges, which read {@code status} (the health check's reading, through its cache) when asked. */
    void watch(Supplier<Optional<MigrationStatus>> status) {
        gauge(SCHEMAS_BEHIND, status, schema -> !schema.upToDate());
        gauge(SCHEMAS_MISSING, status, schema -> !schema.exists());
    }

    private void gauge(String metric, Supplier<Optional<MigrationStatus>> latestStatus, Predicate<SchemaStatus> counted) {
        // Null (no value) rather than 0 when there is no reading: 0 would claim every schema is up to date.
        registry.gauge(name.metric(metric), () -> (Gauge<Integer>) () -> latestStatus.get()
            .map(status -> (int) status.schemas().stream().filter(counted).count())
            .orElse(null));
    }

    private void record(RunReport report) {
        runs.update(report.elapsed());
        if (!report.succeeded()) {
            runsFailed.inc();
        }
        schemasFailed.inc(report.count(Result.FAILED));
        if (report.operation() == Operation.UP) {
            schemasMigrated.inc(report.count(Result.MIGRATED));
            migrationsApplied.inc(report.migrationCount());
        } else {
            migrationsRolledBack.inc(report.migrationCount());
        }
    }

    private static boolean isRun(Operation operation) {
        return operation == Operation.UP || operation == Operation.DOWN;
    }
}
