package dev.tenantmigrator.dropwizard.health;

import com.codahale.metrics.health.HealthCheck;
import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.internal.MaskedFailure;
import dev.tenantmigrator.internal.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code migrations} health check ({@code <name>-migrations} for a named bundle): healthy when
 * every schema exists and nothing is pending or wrong, unhealthy listing what is otherwise. Read-only
 * ({@link Migrator#probeStatus()}, which does not wait for an unreachable database). A probe reads the
 * status when the last reading is older than the cache period (the summary of every schema's history
 * makes a reading one query), so a tenant added without its schema shows within that period; probes
 * that come while a reading is in progress get the last reading at once instead of waiting for it (only
 * the very first reading is waited for). With a period of zero each probe reads the status itself. The
 * gauges of the bundle read through the same cache ({@link #currentStatus()}).
 */
public class MigrationsHealthCheck extends HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsHealthCheck.class);

    /** How many pending lines the message shows; the rest is counted. */
    static final int SHOWN_LINES = 20;

    private final Supplier<MigrationStatus> status;
    private final long cacheNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock readLock = new ReentrantLock();
    private final AtomicReference<Reading> latest = new AtomicReference<>();

    /** One reading: the result probes get, the status behind it (null when it could not be read), and when it was read. */
    private record Reading(Result result, MigrationStatus status, long readAt) {
    }

    private MigrationsHealthCheck(Supplier<MigrationStatus> status, Duration cacheFor, LongSupplier nanoClock) {
        this.status = status;
        this.cacheNanos = cacheFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A check that reads the status on every probe. */
    public static MigrationsHealthCheck onEveryProbe(Supplier<MigrationStatus> status) {
        return cached(status, Duration.ZERO);
    }

    /** A check that reads the status when its last reading is older than {@code cacheFor}. */
    public static MigrationsHealthCheck cached(Supplier<MigrationStatus> status, Duration cacheFor) {
        return cached(status, cacheFor, System::nanoTime);
    }

    /** The same on a clock of the caller's ({@link System#nanoTime()}'s kind), for tests that move time themselves. */
    static MigrationsHealthCheck cached(Supplier<MigrationStatus> status, Duration cacheFor, LongSupplier nanoClock) {
        return new MigrationsHealthCheck(status, cacheFor, nanoClock);
    }

    /** Reads the status now and keeps the result for the probes that follow. */
    public Result refresh() {
        readLock.lock();
        try {
            return read().result();
        } finally {
            readLock.unlock();
        }
    }

    private Reading read() {
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
        Reading reading = new Reading(result, read, nanoClock.getAsLong());
        latest.set(reading);
        return reading;
    }

    /**
     * The reading to answer with: the last one while it is fresh, or while another thread is reading; otherwise a
     * new one. Only a check without any reading yet waits for a reading in progress.
     */
    private Reading current() {
        Reading last = latest.get();
        if (last != null && fresh(last)) {
            return last;
        }
        if (!readLock.tryLock()) {
            if (last != null) {
                return last;
            }
            readLock.lock();
        }
        try {
            Reading now = latest.get();
            return now != null && fresh(now) ? now : read();
        } finally {
            readLock.unlock();
        }
    }

    private boolean fresh(Reading reading) {
        return nanoClock.getAsLong() - reading.readAt() < cacheNanos;
    }

    /**
     * The status as the check sees it now (read again when the last reading is older than the cache period):
     * empty while the status cannot be read (e.g. the database is down).
     */
    public Optional<MigrationStatus> currentStatus() {
        return Optional.ofNullable(current().status());
    }

    @Override
    protected Result check() {
        return current().result();
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
