package dev.tenantmigrator;

/**
 * Hears every up or down run when it ends, successful or not: for metrics, audit logs and the like.
 * Called once per run, on the thread that ran it; a listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface RunListener {

    /** The run ended with this report. */
    void finished(RunReport report);

    /** A listener that does nothing: the default. */
    static RunListener none() {
        return report -> { };
    }
}
