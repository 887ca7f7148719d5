package dev.tenantmigrator.benchmark.report;

import dev.tenantmigrator.benchmark.process.JvmRun;
import dev.tenantmigrator.benchmark.process.ProcessRun;
import java.util.OptionalLong;

/**
 * One timed run of one row of the table. A field that does not apply is null; an unavailable
 * wall time is NaN. A failed run keeps its note but its times are left out of the medians.
 *
 * @param wallMillis the whole command, from just before the process started until it exited
 * @param workMillis the work alone (our {@code elapsedMillis}, a peer's loop), or null
 * @param peakHeapBytes the peak heap occupancy, or null
 * @param afterGcBytes the largest occupancy right after a collection, or null
 * @param completed whether a JVM finished within its heap limit (null for non-JVM runs)
 * @param failed whether the run failed or did not leave the state it should have
 * @param note anything the reader should know, or null
 */
public record Measurement(double wallMillis, Double workMillis, Long peakHeapBytes, Long afterGcBytes, Boolean completed,
                          boolean failed, String note) {

    /** A row that could not be measured, saying why. */
    public static Measurement notAvailable(String why) {
        return new Measurement(Double.NaN, null, null, null, null, false, why);
    }

    /** A child JVM's run: its wall time, peak heap and outcome. */
    public static Measurement of(JvmRun jvm, Double workMillis, String note) {
        String failure = jvm.run().succeeded() ? null : jvm.run().failure();
        return new Measurement(jvm.run().wallMillis(), workMillis, boxed(jvm.peakHeapBytes()), boxed(jvm.peakAfterGcBytes()),
            jvm.completed(), !jvm.completed(), Notes.join(failure, note));
    }

    /** A non-JVM process's run. */
    public static Measurement of(ProcessRun run, String note) {
        return new Measurement(run.wallMillis(), null, null, null, null, !run.succeeded(),
            Notes.join(run.succeeded() ? null : run.failure(), note));
    }

    /** The same measurement with {@code more} added to its note. */
    public Measurement withNote(String more) {
        return new Measurement(wallMillis, workMillis, peakHeapBytes, afterGcBytes, completed, failed, Notes.join(note, more));
    }

    /** The same measurement marked failed, {@code why} added to its note; unchanged when {@code why} is null. */
    public Measurement failedIf(String why) {
        return why == null ? this
            : new Measurement(wallMillis, workMillis, peakHeapBytes, afterGcBytes, completed, true, Notes.join(note, why));
    }

    /** A copy with another wall time and note (for several readings of one process, such as health check requests). */
    public Measurement withWall(double wall, String otherNote) {
        return new Measurement(wall, workMillis, peakHeapBytes, afterGcBytes, completed, failed, otherNote);
    }

    /** The value, or null when absent. */
    public static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
