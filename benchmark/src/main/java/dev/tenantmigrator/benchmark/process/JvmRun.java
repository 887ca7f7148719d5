package dev.tenantmigrator.benchmark.process;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A finished child JVM: how it ended and the peak heap its GC log shows.
 *
 * @param run how the process ended
 * @param peakHeapBytes the largest heap occupancy the GC log shows, if any
 * @param peakAfterGcBytes the largest occupancy right after a collection, if any
 * @param outOfMemory whether it reported an {@code OutOfMemoryError}
 */
public record JvmRun(ProcessRun run, OptionalLong peakHeapBytes, OptionalLong peakAfterGcBytes, boolean outOfMemory) {

    /** Reads the GC log and stderr of a finished child JVM. */
    public static JvmRun of(ProcessRun run, Path gcLog) {
        boolean outOfMemory = run.stderrText().contains("OutOfMemoryError") || run.stdoutText().contains("OutOfMemoryError");
        return new JvmRun(run, GcLog.peakHeapBytes(gcLog), GcLog.peakAfterGcBytes(gcLog), outOfMemory);
    }

    /** Whether it exited 0 without running out of heap. */
    public boolean completed() {
        return run.succeeded() && !outOfMemory;
    }
}
