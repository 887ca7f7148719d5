package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.internal.history.HistoryStore;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ's first use loads about a thousand classes, most of a second on a small machine. A command
 * starts it on a thread of its own while Dropwizard reads the configuration (which takes longer), and
 * waits for it before the migrator runs its first query, so the two never load the same classes at
 * once from two threads.
 */
public final class JooqWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(JooqWarmUp.class);

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private JooqWarmUp() {
    }

    /** Starts the warm-up on a daemon thread. */
    public static JooqWarmUp start() {
        JooqWarmUp warmUp = new JooqWarmUp();
        Thread thread = new Thread(() -> {
            try {
                HistoryStore.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // Only a head start: the first real query loads whatever is missing.
                LOG.debug("Warming up jOOQ failed", e);
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
