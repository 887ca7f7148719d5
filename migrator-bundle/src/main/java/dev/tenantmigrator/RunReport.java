package dev.tenantmigrator;

import dev.tenantmigrator.SchemaOutcome.Result;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an up or down run did, schema by schema, in the order the schemas were planned: the main
 * schema first for up, last for down.
 *
 * @param operation up or down
 * @param schemas one outcome per schema the run planned
 * @param elapsed the run's wall time, from the first connection to the last outcome
 * @param stopped whether the run was {@linkplain Migrator#stop() stopped} before it finished: the schemas it
 *     did not start are {@link Result#NOT_ATTEMPTED}, those it cut short {@link Result#INTERRUPTED}
 */
public record RunReport(Operation operation, List<SchemaOutcome> schemas, Duration elapsed, boolean stopped) {

    /** How many failed (or interrupted) schemas the summary names; the rest are counted. */
    static final int NAMED_FAILURES = 10;

    public RunReport {
        schemas = List.copyOf(schemas);
    }

    /** The report of a run that was not stopped. */
    public RunReport(Operation operation, List<SchemaOutcome> schemas, Duration elapsed) {
        this(operation, schemas, elapsed, false);
    }

    /** True when no schema failed and the run was not stopped before it finished. */
    public boolean succeeded() {
        return count(Result.FAILED) == 0 && !stopped;
    }

    /** How many schemas ended with {@code result}. */
    public int count(Result result) {
        return (int) schemas.stream().filter(schema -> schema.result() == result).count();
    }

    /** How many migrations this run applied (or rolled back) and kept, over every schema. */
    public int migrationCount() {
        return schemas.stream().mapToInt(schema -> schema.migrations().size()).sum();
    }

    /** How many migrations this run applied (or rolled back) and kept in the schemas that ended with {@code result}. */
    public int migrationCount(Result result) {
        return schemas.stream().filter(schema -> schema.result() == result).mapToInt(schema -> schema.migrations().size()).sum();
    }

    /** The schemas that failed, in plan order. */
    public List<SchemaOutcome> failures() {
        return schemas.stream().filter(schema -> schema.result() == Result.FAILED).toList();
    }

    /**
     * One line for people, e.g. {@code 1000 schemas: 37 migrated (74 migrations), 961 already up to
     * date, 2 failed: t_5 (20240101000004_index_projects.sql: ERROR: ...), t_9 (...).} Counts that are
     * zero are left out, except migrated and up to date; at most {@value #NAMED_FAILURES} failures are named,
     * and as many interrupted schemas. A stopped run says so first: {@code 1000 schemas, stopped before the
     * end: ...}.
     */
    public String summary() {
        boolean up = operation == Operation.UP;
        StringBuilder line = new StringBuilder()
            .append(plural(schemas.size(), "schema")).append(stopped ? ", stopped before the end: " : ": ")
            .append(count(Result.MIGRATED)).append(up ? " migrated (" : " rolled back (")
            .append(plural(migrationCount(Result.MIGRATED), "migration")).append("), ")
            .append(count(Result.UP_TO_DATE)).append(up ? " already up to date" : " with nothing to roll back");
        int elsewhere = count(Result.MIGRATED_ELSEWHERE) + count(Result.DONE_ELSEWHERE);
        if (elsewhere > 0) {
            line.append(", ").append(elsewhere).append(up ? " migrated by another process" : " rolled back by another process");
        }
        appendCount(line, Result.NOT_ATTEMPTED, " not attempted");
        appendCount(line, Result.DISAPPEARED, " dropped during the run");
        int replanned = (int) schemas.stream().filter(schema -> schema.replanned().isPresent()).count();
        if (replanned > 0) {
            line.append(", ").append(replanned).append(" re-planned under their lock");
        }
        appendNamed(line, Result.FAILED, " failed: ", " before their failure");
        appendNamed(line, Result.INTERRUPTED, " interrupted: ", " before the stop");
        return line.append('.').toString();
    }

    /** e.g. {@code 2 failed: t_5 (20240101000004_index_projects.sql: ERROR: ...), t_9 (...)}; empty when none failed. */
    public String failedSchemas() {
        return named(Result.FAILED, " failed: ");
    }

    /** The schemas that ended with {@code result}, named with why, then what they kept ({@code ; the failed schemas kept ...}). */
    private void appendNamed(StringBuilder line, Result result, String words, String when) {
        if (count(result) == 0) {
            return;
        }
        line.append(", ").append(named(result, words));
        int kept = migrationCount(result);
        if (kept > 0) {
            line.append("; the ").append(result.name().toLowerCase(Locale.ROOT)).append(" schemas kept ")
                .append(plural(kept, "migration")).append(operation == Operation.UP ? " applied" : " rolled back").append(when);
        }
    }

    private String named(Result result, String words) {
        List<SchemaOutcome> ended = schemas.stream().filter(schema -> schema.result() == result).toList();
        if (ended.isEmpty()) {
            return "";
        }
        String named = ended.stream().limit(NAMED_FAILURES).map(RunReport::describeFailure).collect(Collectors.joining(", "));
        int more = ended.size() - NAMED_FAILURES;
        return ended.size() + words + named + (more > 0 ? " and " + more + " more" : "");
    }

    private void appendCount(StringBuilder line, Result result, String words) {
        int count = count(result);
        if (count > 0) {
            line.append(", ").append(count).append(words);
        }
    }

    private static String describeFailure(SchemaOutcome failure) {
        String error = failure.error().orElse("failed");
        return failure.schema() + " (" + failure.failedMigration().map(migration -> migration + ": " + error).orElse(error) + ")";
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
