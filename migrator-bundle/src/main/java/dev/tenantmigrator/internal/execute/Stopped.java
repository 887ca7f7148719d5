package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.SchemaOutcome;
import java.util.Optional;

/**
 * A job the {@link StopSignal} cut short: thrown by a wait that gave up or a migration refused after the
 * grace period, or attached to the failure of a migration the stop cancelled. It has no cause, so its
 * message is the one the report quotes. {@link #judge} turns such a job's result into what the stop made
 * of the schema: not attempted, or interrupted.
 */
final class Stopped extends MigratorException {
    private static final long serialVersionUID = 1L;

    private final boolean started;

    private Stopped(String message, boolean started) {
        super(message);
        this.started = started;
    }

    /** The job gave up before it changed anything: the schema is reported not attempted. */
    static Stopped notStarted(String why) {
        return new Stopped(why, false);
    }

    /** The job was migrating: the schema is reported interrupted, {@code why} saying what is left of it. */
    static Stopped interrupted(String why) {
        return new Stopped(why, true);
    }

    /** The stop's mark in {@code failure}: itself, a cause, or attached to either. */
    static Optional<Stopped> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Stopped stopped) {
                return Optional.of(stopped);
            }
            for (Throwable attached : t.getSuppressed()) {
                if (attached instanceof Stopped stopped) {
                    return Optional.of(stopped);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The result as the report tells it: a failure the stop caused is no failure of the schema (the
     * exception handler is not told of it), but a schema not attempted or interrupted; any other result as it is.
     */
    static JobResult judge(JobResult result) {
        Optional<Stopped> stopped = result.failure().flatMap(Stopped::in);
        if (stopped.isEmpty()) {
            return result;
        }
        SchemaOutcome failed = result.outcome();
        boolean started = stopped.get().started;
        return JobResult.of(new SchemaOutcome(failed.schema(), failed.tenant(),
            started ? Result.INTERRUPTED : Result.NOT_ATTEMPTED, failed.migrations(),
            started ? failed.failedMigration() : Optional.empty(),
            started ? Optional.of(stopped.get().getMessage()) : Optional.empty(), failed.elapsedMillis(), failed.replanned()));
    }
}
