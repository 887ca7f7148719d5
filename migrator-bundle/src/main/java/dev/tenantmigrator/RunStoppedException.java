package dev.tenantmigrator;

import java.util.List;

/**
 * Thrown by up and down when the run was {@linkplain Migrator#stop() stopped} before it finished. Its
 * message is the report's summary, which counts the schemas not attempted and names the interrupted ones;
 * {@link #failures()} are the schemas that failed on their own before or during the stop, each handed to the
 * {@link MigrationExceptionHandler} as it happened (a schema the stop cut short is not a failure and is not
 * handed to it).
 */
public class RunStoppedException extends RunFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param report what the run did, {@link RunReport#stopped()} true
     * @param failures the schema failures, in the order they happened
     */
    public RunStoppedException(RunReport report, List<MigrationFailedException> failures) {
        super(report.summary(), report, failures);
    }
}
