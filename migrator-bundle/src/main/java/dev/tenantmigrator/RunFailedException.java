package dev.tenantmigrator;

import java.util.List;

/**
 * Thrown by up and down when at least one schema failed, or (as {@link RunStoppedException}) when the run
 * was stopped before it finished. The {@link #report()} says what happened in every schema; each failure
 * was handed to the {@link MigrationExceptionHandler} as it happened.
 */
public class RunFailedException extends MigratorException {
    private static final long serialVersionUID = 1L;

    /** How many schema failures are kept with their exceptions; the report has every one. */
    public static final int KEPT_FAILURES = 100;

    private final transient RunReport report;
    private final transient List<MigrationFailedException> failures;

    /**
     * @param report what the run did
     * @param failures the schema failures, in the order they happened (at most {@value #KEPT_FAILURES} are kept)
     */
    public RunFailedException(RunReport report, List<MigrationFailedException> failures) {
        this(message(report, failures), report, failures);
    }

    /** A run that did not finish for the reason {@code message} gives (see {@link RunStoppedException}). */
    protected RunFailedException(String message, RunReport report, List<MigrationFailedException> failures) {
        super(message, failures.isEmpty() ? null : failures.get(0));
        this.report = report;
        this.failures = List.copyOf(failures.subList(0, Math.min(KEPT_FAILURES, failures.size())));
    }

    /** The one failure's own sentence, or {@code 1000 schemas: 2 failed: t_5 (...), t_9 (...).} for several. */
    private static String message(RunReport report, List<MigrationFailedException> failures) {
        if (failures.size() == 1 && report.failures().size() == 1) {
            return failures.get(0).getMessage();
        }
        int schemas = report.schemas().size();
        return "Of " + schemas + (schemas == 1 ? " schema, " : " schemas, ") + report.failedSchemas() + ".";
    }

    /** What the run did in every schema. */
    public RunReport report() {
        return report;
    }

    /** The schema failures, each with the schema, the migration and the database's error. */
    public List<MigrationFailedException> failures() {
        return failures;
    }
}
