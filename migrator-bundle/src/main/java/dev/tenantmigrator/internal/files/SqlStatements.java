package dev.tenantmigrator.internal.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into statements the way PostgreSQL's lexer sees them: semicolons inside quotes,
 * dollar-quoted bodies and comments do not end a statement. Needed only for sections that run
 * outside a transaction, where each statement must be its own round trip.
 */
public final class SqlStatements {
    private SqlStatements() {
    }

    /** The statements of {@code sql}, each without its terminating semicolon; empty ones are dropped. */
    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int end = skipToken(sql, i);
            if (end == i + 1 && sql.charAt(i) == ';') {
                addIfNotBlank(statements, current.toString());
                current.setLength(0);
            } else {
                current.append(sql, i, end);
            }
            i = end;
        }
        addIfNotBlank(statements, current.toString());
        return statements;
    }

    /** True when {@code sql} holds nothing but white space, comments and semicolons. */
    public static boolean isBlank(String sql) {
        return split(sql).isEmpty();
    }

    private static void addIfNotBlank(List<String> statements, String statement) {
        if (!withoutComments(statement).isBlank()) {
            statements.add(statement.strip());
        }
    }

    private static String withoutComments(String sql) {
        StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            int end = skipToken(sql, i);
            if (!sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
                code.append(sql, i, end);
            }
            i = end;
        }
        return code.toString();
    }

    /** Returns the index just past the token starting at {@code i}: a quoted string, a comment, or one character. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
            return skipQuoted(sql, i, '\'', backslashEscapes);
        }
        if (c == '"') {
            return skipQuoted(sql, i, '"', false);
        }
        if (sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline + 1;
        }
        if (sql.startsWith("/*", i)) {
            return skipBlockComment(sql, i);
        }
        if (c == '$') {
            String tag = dollarTag(sql, i);
            if (tag != null) {
                int close = sql.indexOf(tag, i + tag.length());
                return close < 0 ? sql.length() : close + tag.length();
            }
        }
        return i + 1;
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The dollar-quote tag ({@code $$} or {@code $name$}) starting at {@code i}, or null if it is not one (e.g. {@code $1}). */
    private static String dollarTag(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
            || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$') {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
