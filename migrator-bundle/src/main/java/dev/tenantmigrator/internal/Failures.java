package dev.tenantmigrator.internal;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns a chain of exceptions into the one line a user needs, with any password masked. */
public final class Failures {
    private Failures() {
    }

    /**
     * The first line of the innermost cause's message: the database's own words, without wrapper
     * prefixes or PostgreSQL's detail lines ({@code Position: 15}). Passwords are masked (see
     * {@link Secrets}): the driver echoes URLs and host names, and these lines reach stderr and logs.
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        String line = Secrets.redact(message.strip().lines().findFirst().orElse("").strip());
        // The JDK's message is the bare host name, which reads like no error at all.
        if (root instanceof UnknownHostException) {
            return "unknown host " + line + (line.contains("@")
                ? " (a PostgreSQL JDBC URL cannot carry the user and password before the host; pass them separately)" : "");
        }
        // The driver's read timeout, which the migrator sets from networkTimeout on every statement but a migration's.
        if (root instanceof SocketTimeoutException && line.toLowerCase(java.util.Locale.ROOT).startsWith("read timed out")) {
            return "the database did not answer within networkTimeout, so the connection was given up (a frozen network or "
                + "server?)";
        }
        // pgjdbc's loginTimeout, which the migrator's pool takes from networkTimeout.
        if (line.equals("Connection attempt timed out.")) {
            return "the database did not answer a new connection within loginTimeout (the migrator's pool takes it from "
                + "networkTimeout), so the attempt was given up (a frozen network or server?)";
        }
        return line;
    }
}
