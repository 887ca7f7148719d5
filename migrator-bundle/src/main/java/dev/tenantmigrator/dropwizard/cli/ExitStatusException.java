package dev.tenantmigrator.dropwizard.cli;

/**
 * A command failure that asks for a process exit status other than 1. Dropwizard's
 * {@code Application.run} hands every command failure to {@code onFatalError(Throwable)}, which exits
 * 1 whatever failed; an application that wants scripts to tell failures apart (as {@code db-ensure-up}'s
 * 1 for "not up" and 2 for "could not tell") overrides it:
 *
 * <pre>{@code
 * @Override
 * protected void onFatalError(Throwable failure) {
 *     System.exit(ExitStatusException.statusOf(failure));
 * }
 * }</pre>
 *
 * Without that override the process still exits 1, and the message on stderr is the same.
 */
public class ExitStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status of a failure that does not ask for one of its own: Dropwizard's. */
    public static final int DEFAULT_STATUS = 1;

    private final int status;

    /** A failure described by {@code cause} (whose message the command prints), exiting with {@code status}. */
    public ExitStatusException(int status, Throwable cause) {
        super(cause.getMessage(), cause);
        this.status = status;
    }

    /** A failure described by {@code message}, exiting with {@code status}. */
    public ExitStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The exit status the failure asks for. */
    public int status() {
        return status;
    }

    /** The exit status for a failure a command line returned: the one it asks for, else {@value #DEFAULT_STATUS}. */
    public static int statusOf(Throwable failure) {
        return failure instanceof ExitStatusException exit ? exit.status() : DEFAULT_STATUS;
    }
}
