package dev.tenantmigrator;

import java.util.List;
import java.util.Optional;

/**
 * What one run did in one schema.
 *
 * @param schema the schema's name
 * @param tenant whether it is a tenant schema (false for the main schema)
 * @param result what happened
 * @param migrations the migrations this run applied (up) or rolled back (down) in the schema and kept,
 *     in the order they ran; for a failed schema, those that stay applied before the failure
 * @param failedMigration the migration that failed (or was interrupted), when one did
 * @param error the failure in one line, when the schema failed; for an interrupted schema, what the stop left
 * @param elapsedMillis the time spent on the schema, lock wait included
 * @param replanned how the work changed when the schema was planned again under its lock, when it
 *     did: another process applied or rolled back migrations between the run's read and the lock
 */
public record SchemaOutcome(String schema, boolean tenant, Result result, List<String> migrations,
                            Optional<String> failedMigration, Optional<String> error, long elapsedMillis,
                            Optional<String> replanned) {

    public SchemaOutcome {
        migrations = List.copyOf(migrations);
    }

    /** An outcome whose plan did not change under the lock. */
    public SchemaOutcome(String schema, boolean tenant, Result result, List<String> migrations,
                         Optional<String> failedMigration, Optional<String> error, long elapsedMillis) {
        this(schema, tenant, result, migrations, failedMigration, error, elapsedMillis, Optional.empty());
    }

    /** What happened in a schema. */
    public enum Result {
        /** This run changed the schema: applied (or rolled back) migrations, or created the schema. */
        MIGRATED,
        /** Nothing was to be done when the run planned. */
        UP_TO_DATE,
        /** Work was planned, but another process had done it by the time this one held the schema's lock. */
        MIGRATED_ELSEWHERE,
        /**
         * Work was planned, but before this run reached the schema the summary of the histories showed that another
         * process had done it, so this run did not visit it (no lock taken). Counted with {@link #MIGRATED_ELSEWHERE}
         * in the summary line and the JSON counts.
         */
        DONE_ELSEWHERE,
        /** The schema failed; {@link #error()} says why. */
        FAILED,
        /**
         * The run stopped before it reached this schema: a failure earlier, without continue-on-error, or a
         * {@linkplain Migrator#stop() stop} (which also makes a schema waiting for a lock or a slot give up).
         */
        NOT_ATTEMPTED,
        /**
         * The schema existed when the run planned and was gone once its lock was held (dropped during the
         * run, e.g. an offboarded tenant); the run did not create it again.
         */
        DISAPPEARED,
        /**
         * The schema was being migrated when the run was {@linkplain Migrator#stop() stopped}, and the shutdown
         * grace period ended first: its statement was cancelled. {@link #migrations()} are those it kept,
         * {@link #failedMigration()} the one cut short, and {@link #error()} says what is left of it (a transaction
         * rolled back; or, outside a transaction, a recorded failure that makes up refuse the schema until it is
         * checked and repaired).
         */
        INTERRUPTED
    }

    /** A schema with nothing to do. */
    public static SchemaOutcome upToDate(String schema, boolean tenant) {
        return new SchemaOutcome(schema, tenant, Result.UP_TO_DATE, List.of(), Optional.empty(), Optional.empty(), 0);
    }

    /** A schema another process brought to the run's target before this run reached it. */
    public static SchemaOutcome doneElsewhere(String schema, boolean tenant) {
        return new SchemaOutcome(schema, tenant, Result.DONE_ELSEWHERE, List.of(), Optional.empty(), Optional.empty(), 0);
    }

    /** A schema the run did not reach. */
    public static SchemaOutcome notAttempted(String schema, boolean tenant) {
        return new SchemaOutcome(schema, tenant, Result.NOT_ATTEMPTED, List.of(), Optional.empty(), Optional.empty(), 0);
    }
}
