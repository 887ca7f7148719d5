package dev.tenantmigrator.benchmark.db;

import java.time.Duration;

/**
 * Waits before the next timed step after a database with many schemas was dropped: removing
 * tens of thousands of files keeps a slow disk busy for a while after {@code DROP DATABASE} returns.
 */
public final class Settler {

    private final Duration pause;
    private final int minTenants;
    private long settledAtNanos = System.nanoTime();

    /** Pauses for {@code pause} after dropping a database of at least {@code minTenants} tenants. */
    public Settler(Duration pause, int minTenants) {
        this.pause = pause;
        this.minTenants = minTenants;
    }

    /** Notes that a database of {@code tenants} tenants was just dropped. */
    public synchronized void dropped(int tenants) {
        if (tenants >= minTenants && !pause.isZero()) {
            settledAtNanos = Math.max(settledAtNanos, System.nanoTime() + pause.toNanos());
        }
    }

    /** Sleeps until the disk has had its pause; returns at once when nothing big was dropped lately. */
    public void await() throws InterruptedException {
        long wait;
        synchronized (this) {
            wait = settledAtNanos - System.nanoTime();
        }
        if (wait > 0) {
            System.err.printf("  (waiting %d s after dropping a big database)%n", Duration.ofNanos(wait).toSeconds());
            Thread.sleep(Duration.ofNanos(wait).toMillis());
        }
    }
}
