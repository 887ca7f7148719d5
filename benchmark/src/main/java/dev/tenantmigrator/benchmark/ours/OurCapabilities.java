package dev.tenantmigrator.benchmark.ours;

/**
 * Which of the newer {@code db-up} options the jar has, read from {@code db-up --help}, so the
 * benchmark works with the jar as it is and uses the options as soon as they are there.
 *
 * @param json {@code db-up --json}: a JSON run report on stdout with {@code elapsedMillis}
 * @param concurrency {@code db-up --concurrency N}
 */
public record OurCapabilities(boolean json, boolean concurrency) {

    /** Reads the help text. */
    static OurCapabilities fromHelp(String help) {
        return new OurCapabilities(help.contains("--json"), help.contains("--concurrency"));
    }

    /** For the report's header. */
    public String describe() {
        return "db-up --json " + (json ? "yes" : "no (work time n/a)") + ", db-up --concurrency "
            + (concurrency ? "yes" : "no (concurrency 1 only)");
    }
}
