package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.Operation;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a run's finished schemas and, while the run lasts, logs a line every interval: schemas done
 * of the total, migrations, failures, time elapsed and an estimate of the time left.
 */
final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final Operation operation;
    private final int total;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger migrations = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService ticker;

    /** Starts counting {@code total} schemas with work; logs every {@code interval} unless it is zero. */
    Progress(Operation operation, int total, Duration interval) {
        this.operation = operation;
        this.total = total;
        if (interval.isZero() || total == 0) {
            this.ticker = null;
            return;
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migrator-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> LOG.info(line()), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void record(SchemaOutcome outcome) {
        done.incrementAndGet();
        migrations.addAndGet(outcome.migrations().size());
        if (outcome.result() == Result.FAILED) {
            failed.incrementAndGet();
        }
    }

    /** e.g. {@code Migrating: 400 of 1000 schemas done, 812 migrations applied, 0 failed, 12 s elapsed, about 18 s left}. */
    String line() {
        int finished = done.get();
        long elapsed = System.nanoTime() - startedNanos;
        String left = finished == 0 ? "time left unknown"
            : "about " + seconds(elapsed / finished * (total - finished)) + " left";
        return (operation == Operation.UP ? "Migrating: " : "Rolling back: ") + finished + " of " + total
            + " schemas done, " + migrations.get() + (operation == Operation.UP ? " migrations applied, " : " migrations rolled back, ")
            + failed.get() + " failed, " + seconds(elapsed) + " elapsed, " + left;
    }

    private static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds() + " s";
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
