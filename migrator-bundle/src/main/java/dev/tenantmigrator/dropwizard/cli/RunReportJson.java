package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import java.util.List;
import java.util.Locale;

/**
 * The JSON {@code db-up --json} and {@code db-down --json} print: a stable shape for scripts,
 * documented in README.
 *
 * @param operation {@code up} or {@code down}
 * @param succeeded whether no schema failed and the run was not stopped
 * @param stopped whether a signal stopped the run before it finished
 * @param summary the summary line
 * @param elapsedMillis the run's wall time, without the process start
 * @param counts how many schemas ended each way, and how many migrations ran
 * @param schemas one entry per schema, in plan order
 */
record RunReportJson(String operation, boolean succeeded, boolean stopped, String summary, long elapsedMillis,
                     Counts counts, List<Schema> schemas) {

    /** Schema counts by outcome, and the migrations this run applied or rolled back. */
    record Counts(int schemas, int migrated, int upToDate, int migratedElsewhere, int failed, int notAttempted,
                  int disappeared, int interrupted, int migrations) {
    }

    /**
     * One schema's outcome; {@code outcome} is the result in lower case ({@code migrated}, {@code up_to_date},
     * {@code interrupted}, ...); {@code replanned} says how the work changed under the schema's lock, or is null.
     */
    record Schema(String schema, boolean tenant, String outcome, List<String> migrations, String failedMigration,
                  String error, long elapsedMillis, String replanned) {
    }

    static RunReportJson of(RunReport report) {
        Counts counts = new Counts(report.schemas().size(), report.count(Result.MIGRATED), report.count(Result.UP_TO_DATE),
            report.count(Result.MIGRATED_ELSEWHERE) + report.count(Result.DONE_ELSEWHERE), report.count(Result.FAILED), report.count(Result.NOT_ATTEMPTED),
            report.count(Result.DISAPPEARED), report.count(Result.INTERRUPTED), report.migrationCount());
        return new RunReportJson(report.operation().name().toLowerCase(Locale.ROOT), report.succeeded(), report.stopped(),
            report.summary(), report.elapsed().toMillis(), counts, report.schemas().stream().map(RunReportJson::schema).toList());
    }

    private static Schema schema(SchemaOutcome outcome) {
        return new Schema(outcome.schema(), outcome.tenant(), outcome.result().name().toLowerCase(Locale.ROOT),
            outcome.migrations(), outcome.failedMigration().orElse(null), outcome.error().orElse(null), outcome.elapsedMillis(),
            outcome.replanned().orElse(null));
    }
}
