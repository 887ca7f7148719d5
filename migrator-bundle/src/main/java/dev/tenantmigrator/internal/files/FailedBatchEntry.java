package dev.tenantmigrator.internal.files;

import java.util.List;

/**
 * The batch entry pgjdbc's message says failed. Inside a transaction its update counts are all
 * EXECUTE_FAILED, so the message is all there is: {@code Batch entry 1,233 INSERT ... was aborted: ...},
 * the entry's index first in every translation, then the statement as it was sent (or {@code <unknown>}
 * when the connection has {@code logServerErrorDetail=false}). The index is formatted in the JVM's
 * default locale: {@code 1,233}, {@code 1.233}, {@code 1 233} with a no-break space, {@code 1’233},
 * or in other digits, such as the Arabic-Indic {@code ١٬٢٣٣}.
 */
final class FailedBatchEntry {

    /** More digits than any batch of ours could number; longer runs are not the index. */
    private static final int MAX_DIGITS = 9;

    private static final String UNKNOWN = "<unknown>";

    private FailedBatchEntry() {
    }

    /**
     * The index of the failed entry in {@code statements}, or -1 when the message names none, names one
     * past the end, or quotes another statement than the one at that index: a message of an unexpected
     * shape then names no statement rather than a wrong one.
     */
    static int index(String message, List<SqlStatement> statements) {
        int start = firstDigit(message);
        if (start < 0) {
            return -1;
        }
        long index = 0;
        int digits = 0;
        int at = start;
        for (; at < message.length() && digits <= MAX_DIGITS; at++) {
            char c = message.charAt(at);
            if (Character.isDigit(c)) {
                index = index * 10 + Character.digit(c, 10);
                digits++;
            } else if (!isGroupingSeparator(c) || !isDigitAt(message, at + 1)) {
                break;
            }
        }
        if (digits > MAX_DIGITS || index >= statements.size()) {
            return -1;
        }
        String quoted = message.substring(at).stripLeading();
        return quoted.startsWith(statements.get((int) index).sql()) || quoted.startsWith(UNKNOWN) ? (int) index : -1;
    }

    private static int firstDigit(String message) {
        for (int at = 0; message != null && at < message.length(); at++) {
            if (Character.isDigit(message.charAt(at))) {
                return at;
            }
        }
        return -1;
    }

    /** Locales group digits with a comma, a dot, an apostrophe or a no-break space, never an ordinary blank. */
    private static boolean isGroupingSeparator(char c) {
        return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
    }

    private static boolean isDigitAt(String message, int at) {
        return at < message.length() && Character.isDigit(message.charAt(at));
    }
}
