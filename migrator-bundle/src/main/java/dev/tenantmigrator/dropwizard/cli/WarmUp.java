package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.internal.history.HistoryStore;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrator's first query loads a few thousand classes (jOOQ's alone are about a thousand), most
 * of a second on a small machine. A migrator command starts loading them on a thread of its own while
 * Dropwizard reads the configuration (which takes longer), and waits for it before the migrator
 * runs, so the two threads never load the same classes at once. Only a migrator command starts it:
 * begun when the bundle initialises, it ran in every command of the application and made Dropwizard's
 * {@code check} about a third slower on two cores, its class loading competing with Dropwizard's own start.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /** Starts the warm-up on a daemon thread; nothing when it has started already. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                HistoryStore.warmUp();
                // Jdbi's configuration and the driver, without connecting to anything.
                Jdbi.create(() -> {
                    throw new SQLException("not connected: a warm-up");
                });
                Class.forName("org.postgresql.Driver");
            } catch (RuntimeException | LinkageError | ClassNotFoundException e) {
                // Only a head start: the first real query loads whatever is missing.
                LOG.debug("Warming up failed", e);
            } finally {
                done.complete(null);
            }
        }, "migrator-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once the warm-up has ended; at once when it never started. */
    public void await() {
        if (started.get()) {
            done.join();
        }
    }
}
