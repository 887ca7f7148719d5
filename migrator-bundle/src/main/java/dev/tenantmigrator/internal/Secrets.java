package dev.tenantmigrator.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in text that leaves the library (stderr, logs, JSON, webhooks, the health check, the
 * dry run): the driver and the connection pool echo JDBC URLs, and a URL may carry {@code password=...}
 * or {@code user:password@}; a YAML error may quote a {@code password:} line, and a failed migration's
 * message its statement, e.g. {@code ALTER ROLE app PASSWORD $$...$$} or
 * {@code SELECT dblink_connect('host=db password=...')}.
 */
public final class Secrets {

    /** What a masked value reads as. */
    public static final String MASK = "***";

    /** A key naming a password: {@code password}, {@code sslpassword}, {@code PGPASSWORD}, {@code database.password}, {@code pwd}. */
    private static final String KEY = "(?i)(\\b[\\w.-]*(?:password|passwd|pwd)";

    /**
     * {@code key=value}, as URL parameters and key=value lists: the value ends at the next {@code &},
     * {@code ;}, blank or quote (a message often quotes the whole URL). In a connection string inside a
     * SQL literal, {@code dblink_connect('password=''my secret''')}, a quoted value's quotes are doubled.
     */
    private static final Pattern ASSIGNED = Pattern.compile(KEY + "\\s*=\\s*)(''(?:\\\\''|[^'])*+(?:''|\\z)"
        + "|\"[^\"]*\"?|'[^']*'?|[^\\s&;\"']+)");

    /** {@code key: value}, as YAML and JSON: the value is the rest of the line, since a YAML value may hold blanks. */
    private static final Pattern COLON = Pattern.compile(KEY + "[\"']?\\s*:[ \\t]*)(\\S.*)");

    /** A quoted SQL string, {@code ''} standing for a quote; a message may cut it short, so the closing quote is optional. */
    private static final String QUOTED = "'(?:[^']|'')*+'?";

    /**
     * A SQL string constant in every form PostgreSQL accepts: {@code '...'}, {@code E'...'} with backslash
     * escapes, {@code U&'...'}, {@code N'...'}, one continued on the next line ({@code 'a'}, a line break,
     * {@code 'b'}), and dollar-quoted, {@code $$...$$} or {@code $tag$...$tag$} (the tag is group 3),
     * which runs to its closing tag or, cut short, to the end of the text.
     */
    private static final String LITERAL = "(?:[Ee]'(?:[^'\\\\]|\\\\[\\s\\S]|'')*+'?|(?:[Uu]&|[Nn])?" + QUOTED + ")"
        + "(?:[ \\t\\r\\f]*\\n\\s*" + QUOTED + ")*+"
        + "|\\$([\\p{L}_][\\p{L}\\p{N}_]*+|)\\$[\\s\\S]*?(?:\\$\\3\\$|\\z)";

    /**
     * SQL's {@code [ENCRYPTED] PASSWORD literal} ({@code CREATE ROLE}, {@code ALTER ROLE}) and a
     * {@code password 'literal'} option ({@code CREATE USER MAPPING ... OPTIONS}): a failed migration's
     * message quotes its statement, and the dry run prints it.
     */
    private static final Pattern SQL_LITERAL = Pattern.compile("((?i:\\b\\w*password)\"?\\s+)(" + LITERAL + ")");

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
        masked = SQL_LITERAL.matcher(masked)
            .replaceAll(literal -> Matcher.quoteReplacement(literal.group(1) + maskedLiteral(literal.group(2))));
        return COLON.matcher(masked).replaceAll("$1" + MASK);
    }

    /** The literal with its text masked and its form kept: {@code '***'}, {@code E'***'}, {@code $pw$***$pw$}. */
    private static String maskedLiteral(String literal) {
        if (literal.startsWith("$")) {
            String tag = literal.substring(0, literal.indexOf('$', 1) + 1);
            return tag + MASK + tag;
        }
        return literal.substring(0, literal.indexOf('\'') + 1) + MASK + "'";
    }
}
