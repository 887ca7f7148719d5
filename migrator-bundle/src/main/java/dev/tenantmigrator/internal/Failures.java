package dev.tenantmigrator.internal;

/** Turns a chain of exceptions into the one line a user needs. */
public final class Failures {
    private Failures() {
    }

    /** The message of the innermost cause: the database's own words, without wrapper prefixes. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.strip();
    }
}
