package dev.tenantmigrator.dropwizard.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a command end in order when its process is told to stop: SIGTERM (what Kubernetes sends) or SIGINT
 * (Ctrl-C). While the command runs, a JVM shutdown hook (which is how Java hears those signals) stops the
 * command's work (for a migrator, {@link dev.tenantmigrator.Migrator#stop()}) and then holds the JVM until
 * the command has printed what it did, for at most the shutdown grace period and {@link #AFTER_GRACE} more.
 * The JVM then exits with 128 + the signal's number, as a shell reports a process a signal ended:
 * {@value #STOPPED_BY_SIGTERM} for SIGTERM, {@value #STOPPED_BY_SIGINT} for SIGINT. The hook is removed when
 * the command ends, so a process that goes on (an application running a command itself, a test) keeps
 * nothing of it.
 */
final class StopOnSignal implements AutoCloseable {

    /** The exit status of a command stopped by SIGTERM: 128 + 15, the JVM's own. */
    static final int STOPPED_BY_SIGTERM = 143;
    /** The exit status of a command stopped by SIGINT: 128 + 2, the JVM's own. */
    static final int STOPPED_BY_SIGINT = 130;
    /** What the hook waits beyond the grace period: for the cancelled statements to end and the report to be printed. */
    static final Duration AFTER_GRACE = Duration.ofSeconds(5);

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(Runnable stop, Duration grace) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                ended.await(grace.plus(AFTER_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "migrator-stop-on-signal");
    }

    /**
     * Until {@link #close()}, a stop signal to the process runs {@code stop} and waits for the command to
     * end, at most {@code grace} and {@link #AFTER_GRACE} more.
     */
    static StopOnSignal install(Runnable stop, Duration grace) {
        StopOnSignal signal = new StopOnSignal(stop, grace);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** The command has ended: a hook already running lets the JVM exit now, and none runs later. */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running, and returns now that the command has ended.
        }
    }
}
