package dev.tenantmigrator.internal;

/** Turns a chain of exceptions into the one line a user needs. */
public final class Failures {
    private Failures() {
    }

    /**
     * The first line of the innermost cause's message: the database's own words, without wrapper
     * prefixes or PostgreSQL's detail lines ({@code Position: 15}).
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
