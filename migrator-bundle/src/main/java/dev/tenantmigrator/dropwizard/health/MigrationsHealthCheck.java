package dev.tenantmigrator.dropwizard.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.internal.MaskedFailure;
import dev.tenantmigrator.internal.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code migrations} health check ({@code <name>-migrations} for a named bundle): healthy when
 * every schema exists and nothing is pending or wrong, unhealthy listing what is otherwise. Read-only
 * ({@link Migrator#probeStatus()}, which does not wait for an unreachable database). In the background it reads the status every interval and a probe
 * gets the latest reading at once, so no probe waits for thousands of histories to be read; with an
 * interval of zero each probe reads the status itself. The latest reading's status is kept for the
 * bundle's gauges ({@link #latestStatus()}).
 */
public class MigrationsHealthCheck extends HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsHealthCheck.class);

    /** How many pending lines the message shows; the rest is counted. */
    static final int SHOWN_LINES = 20;

    private final Supplier<MigrationStatus> status;
    private final boolean inBackground;
    private final AtomicReference<Reading> latest = new AtomicReference<>();

    /** One reading: the result probes get and the status behind it (null when it could not be read), kept together. */
    private record Reading(Result result, MigrationStatus status) {
    }

    private MigrationsHealthCheck(Supplier<MigrationStatus> status, boolean inBackground) {
        this.status = status;
        this.inBackground = inBackground;
    }

    /** A check that reads the status on every probe. */
    public static MigrationsHealthCheck onEveryProbe(Supplier<MigrationStatus> status) {
        return new MigrationsHealthCheck(status, false);
    }

    /**
     * A check whose reading {@code scheduler} refreshes every {@code interval}, the first at once;
     * until that first reading is in, the check is unhealthy, so a readiness probe waits for it.
     */
    public static MigrationsHealthCheck inBackground(Supplier<MigrationStatus> status, Duration interval,
                                                     ScheduledExecutorService scheduler) {
        MigrationsHealthCheck check = new MigrationsHealthCheck(status, true);
        scheduler.scheduleWithFixedDelay(check::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return check;
    }

    /** Reads the status now and keeps the result for the probes that follow. */
    public Result refresh() {
        Result result;
        MigrationStatus read = null;
        try {
            read = status.get();
            result = describe(read);
        } catch (RuntimeException e) {
            LOG.debug("The migrations health check failed", MaskedFailure.of(e));
            result = Result.unhealthy(Secrets.redact(String.valueOf(e.getMessage())));
        }
        // A failed reading clears the status too: gauges must not go on showing a state nobody could read.
        latest.set(new Reading(result, read));
        return result;
    }

    /**
     * The status the latest reading found: empty before the first reading and while the status cannot
     * be read (e.g. the database is down). Reading it reads nothing from the database.
     */
    public Optional<MigrationStatus> latestStatus() {
        return Optional.ofNullable(latest.get()).map(Reading::status);
    }

    @Override
    protected Result check() {
        if (!inBackground) {
            return refresh();
        }
        Reading reading = latest.get();
        return reading != null ? reading.result() : Result.unhealthy("The first reading of the migrations is still in progress.");
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
