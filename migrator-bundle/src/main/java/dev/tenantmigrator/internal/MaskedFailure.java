package dev.tenantmigrator.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A copy of an exception chain, for logging a stack trace: the same frames, causes and suppressed
 * failures, but every message passed through {@link Secrets#redact}. Each copy's message starts with
 * the original's class name, which the log would otherwise lose.
 */
public final class MaskedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private MaskedFailure(Throwable original) {
        super(original.getClass().getName()
            + (original.getMessage() == null ? "" : ": " + Secrets.redact(original.getMessage())));
        setStackTrace(original.getStackTrace());
    }

    /** The masked copy of {@code failure} and everything it holds. */
    public static MaskedFailure of(Throwable failure) {
        return copy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** {@code seen} guards against chains that loop back on themselves. */
    private static MaskedFailure copy(Throwable original, Set<Throwable> seen) {
        seen.add(original);
        MaskedFailure copy = new MaskedFailure(original);
        Throwable cause = original.getCause();
        if (cause != null && !seen.contains(cause)) {
            copy.initCause(copy(cause, seen));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                copy.addSuppressed(copy(suppressed, seen));
            }
        }
        return copy;
    }

    /** The original's class and masked message, as a stack trace's first line shows them. */
    @Override
    public String toString() {
        return getMessage();
    }
}
