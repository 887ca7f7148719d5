package dev.tenantmigrator.benchmark.ours;

import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options of the "tuned" variant of our commands, for a short-lived command on a small
 * machine: C1 only (no C2 compilations competing for the cores), the Serial collector (no GC
 * threads), and an AppCDS archive of the classes a real database round trip loads (see
 * {@link CdsTraining}). {@code -Xlog:disable -Xlog:all=warning:stderr} moves the JVM's warnings (a
 * CDS one, say) from stdout to stderr, where they cannot break the {@code db-up --json} report.
 * The benchmark's {@code -Xmx} and GC log options follow them, as for every child JVM.
 */
public final class TunedJvm {

    /** The archive's file name in the work directory. */
    public static final String ARCHIVE_FILE = "ours.jsa";

    private static final String SUFFIX = "tuned";

    private TunedJvm() {
    }

    /** The tuned options, reading the archive at {@code archive}. */
    public static List<String> options(Path archive) {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive,
            "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    /** The table's variant of a tuned row: {@code c2} becomes {@code c2 tuned}, {@code -} becomes {@code tuned}. */
    public static String variant(String plain) {
        return "-".equals(plain) ? SUFFIX : plain + " " + SUFFIX;
    }
}
