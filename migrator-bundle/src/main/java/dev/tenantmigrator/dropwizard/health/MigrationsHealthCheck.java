package dev.tenantmigrator.dropwizard.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code migrations} health check: healthy when every schema exists and nothing is pending,
 * unhealthy listing what is pending otherwise. Read-only ({@link Migrator#probeStatus()}, which does
 * not wait for an unreachable database); the result is kept for the cache period so that frequent
 * probes do not read thousands of histories each time.
 */
public class MigrationsHealthCheck extends HealthCheck {

    /** How many pending lines the message shows; the rest is counted. */
    static final int SHOWN_LINES = 20;

    private final Supplier<MigrationStatus> status;
    private final long cacheNanos;
    private final LongSupplier nanoClock;
    private Result cached;
    private long cachedAt;

    /**
     * @param migrator the migrator whose status is reported
     * @param cachePeriod how long a result is reused; zero checks every time
     */
    public MigrationsHealthCheck(Migrator migrator, Duration cachePeriod) {
        this(migrator::probeStatus, cachePeriod, System::nanoTime);
    }

    MigrationsHealthCheck(Supplier<MigrationStatus> status, Duration cachePeriod, LongSupplier nanoClock) {
        this.status = status;
        this.cacheNanos = cachePeriod.toNanoseconds();
        this.nanoClock = nanoClock;
    }

    @Override
    protected synchronized Result check() {
        long now = nanoClock.getAsLong();
        if (cached == null || now - cachedAt >= cacheNanos) {
            cached = describe(status.get());
            cachedAt = now;
        }
        return cached;
    }

    /** The result for one status: a summary when up to date, the pending lines (at most {@value #SHOWN_LINES}) otherwise. */
    static Result describe(MigrationStatus status) {
        int schemas = status.schemas().size();
        String checked = schemas + (schemas == 1 ? " schema checked" : " schemas checked");
        if (status.upToDate()) {
            return Result.healthy(checked + ", all up to date");
        }
        List<String> lines = status.pendingLines();
        long missing = status.schemas().stream().filter(schema -> !schema.exists()).count();
        StringBuilder message = new StringBuilder(checked).append(", ").append(lines.size())
            .append(lines.size() == 1 ? " item pending" : " items pending");
        if (missing > 0) {
            message.append(" (").append(missing).append(missing == 1 ? " schema missing)" : " schemas missing)");
        }
        message.append(": ").append(String.join("; ", lines.subList(0, Math.min(SHOWN_LINES, lines.size()))));
        if (lines.size() > SHOWN_LINES) {
            message.append("; and ").append(lines.size() - SHOWN_LINES).append(" more");
        }
        return Result.unhealthy(message.toString());
    }
}
