package dev.tenantmigrator.benchmark.ours;

import java.util.Locale;

/**
 * The AppCDS archive the training run made, and how much of it a tuned {@code db-status} used.
 *
 * @param sizeBytes the archive's size
 * @param classesLoaded the classes the tuned check run loaded
 * @param fromArchive of those, how many came from this archive
 * @param fromBase how many came from the JDK's base archive
 * @param warning the first JVM warning the check run printed, or null
 */
public record CdsArchive(long sizeBytes, long classesLoaded, long fromArchive, long fromBase, String warning) {

    /** For the report's header. */
    public String describe() {
        return String.format(Locale.ROOT, "archive %.1f MB; a tuned db-status on the training database loaded %,d of "
                + "%,d classes from it and %,d from the JDK's base archive", sizeBytes / 1048576.0, fromArchive,
            classesLoaded, fromBase) + (warning == null ? "" : "; JVM warning: " + warning);
    }
}
