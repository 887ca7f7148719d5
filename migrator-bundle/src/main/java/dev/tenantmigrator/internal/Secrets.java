package dev.tenantmigrator.internal;

import java.util.regex.Pattern;

/**
 * Masks passwords in text that leaves the library (stderr, logs, JSON, the health check): the driver
 * and the connection pool echo JDBC URLs, and a URL may carry {@code password=...} or
 * {@code user:password@}; a YAML error may quote a {@code password:} line, and a failed migration's
 * message its statement, e.g. {@code ALTER ROLE app PASSWORD '...'}.
 */
public final class Secrets {

    /** What a masked value reads as. */
    public static final String MASK = "***";

    /** A key naming a password: {@code password}, {@code sslpassword}, {@code PGPASSWORD}, {@code database.password}, {@code pwd}. */
    private static final String KEY = "(?i)(\\b[\\w.-]*(?:password|passwd|pwd)";

    /**
     * {@code key=value}, as URL parameters and key=value lists: the value ends at the next {@code &},
     * {@code ;}, blank or quote (a message often quotes the whole URL).
     */
    private static final Pattern ASSIGNED = Pattern.compile(KEY + "\\s*=\\s*)(\"[^\"]*\"?|'[^']*'?|[^\\s&;\"']+)");

    /** {@code key: value}, as YAML and JSON: the value is the rest of the line, since a YAML value may hold blanks. */
    private static final Pattern COLON = Pattern.compile(KEY + "[\"']?\\s*:[ \\t]*)(\\S.*)");

    /**
     * SQL's {@code PASSWORD 'literal'} ({@code CREATE ROLE}, {@code ALTER ROLE}): a failed migration's
     * message quotes its statement. The literal may be cut short, so the closing quote is optional.
     */
    private static final Pattern SQL_LITERAL = Pattern.compile("(?i)(\\bpassword\\s+)'(?:[^']|'')*'?");

    /**
     * {@code user:password@host}, as in {@code jdbc:postgresql://bob:s3cret@db/app}: the password runs to
     * the last {@code @} before a blank or slash, so a password holding {@code @} is masked whole.
     */
    private static final Pattern USER_INFO = Pattern.compile("(^|[\\s/(\\[<\"'=])([^\\s:/@\"']+):[^\\s/\"']+@");

    private Secrets() {
    }

    /** The text with every password it holds replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1$2:" + MASK + "@");
        masked = ASSIGNED.matcher(masked).replaceAll("$1" + MASK);
        masked = SQL_LITERAL.matcher(masked).replaceAll("$1'" + MASK + "'");
        return COLON.matcher(masked).replaceAll("$1" + MASK);
    }
}
