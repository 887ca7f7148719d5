package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.internal.history.HistoryStore;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrator's first query loads a few thousand classes (jOOQ's alone are about a thousand), most
 * of a second on a small machine. A command starts loading them on a thread of its own while
 * Dropwizard reads the configuration (which takes longer), and waits for it before the migrator
 * runs, so the two threads never load the same classes at once.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private WarmUp() {
    }

    /** Starts the warm-up on a daemon thread. */
    public static WarmUp start() {
        WarmUp warmUp = new WarmUp();
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
                warmUp.done.complete(null);
            }
        }, "migrator-warm-up");
        thread.setDaemon(true);
        thread.start();
        return warmUp;
    }

    /** Returns once the warm-up has ended. */
    public void await() {
        done.join();
    }
}
