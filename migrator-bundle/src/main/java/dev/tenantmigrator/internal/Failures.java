package dev.tenantmigrator.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;

/** Turns a chain of exceptions into the one line a user needs, with any password masked. */
public final class Failures {
    private static final String POOL_VALIDATION_FAILED = "Validation Query Failed";

    private Failures() {
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01 (the server is shutting down, or an administrator
     * ended the session), 57P02 (the server crashed) or 57P03 (the server is starting up), or a refused
     * socket: a server restart shows as any of them, depending on when it hits. So does the pool's own word
     * for a connection it could not check.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                || List.of("57P01", "57P02", "57P03").contains(sql.getSQLState()))) {
                return true;
            }
            // Dropwizard's pool (tomcat-jdbc), when neither the connection it had nor a new one answered its check.
            if (t instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                && sql.getMessage().startsWith(POOL_VALIDATION_FAILED)) {
                return true;
            }
        }
        return false;
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
        // The driver's words for a connection the server or the network closed under it.
        if (root instanceof java.io.EOFException && root.getMessage() == null) {
            return "the connection was closed by the server or the network";
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
