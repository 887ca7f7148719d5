package dev.tenantmigrator.internal.files;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts SQL into the tokens that decide where a statement ends, following PostgreSQL's lexer:
 * words (keywords and unquoted identifiers), quoted tokens (strings, {@code E''} strings,
 * double-quoted identifiers, dollar-quoted bodies), comments, white space and single symbols.
 * Strings follow {@code standard_conforming_strings = on}, the default since PostgreSQL 9.1:
 * a backslash escapes only inside an {@code E''} string. An unterminated token runs to the end.
 */
final class SqlLexer {

    /** What a token is; only words can be keywords. */
    enum Kind { WORD, QUOTED, COMMENT, SPACE, SYMBOL }

    /** One token: its kind and its place in the text, {@code end} exclusive. */
    record Token(Kind kind, int start, int end) {

        /** True for what PostgreSQL reads, false for comments and white space. */
        boolean isCode() {
            return kind != Kind.COMMENT && kind != Kind.SPACE;
        }

        String text(String sql) {
            return sql.substring(start, end);
        }
    }

    private SqlLexer() {
    }

    /**
     * The tokens of {@code sql}, in order, covering every character; each is cut when it is reached,
     * so a long statement is never held as a list of its tokens.
     */
    static Iterable<Token> tokens(String sql) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < sql.length();
            }

            @Override
            public Token next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Token token = SqlLexer.next(sql, next);
                next = token.end();
                return token;
            }
        };
    }

    private static Token next(String sql, int i) {
        char c = sql.charAt(i);
        if (isSpace(c)) {
            int end = i + 1;
            while (end < sql.length() && isSpace(sql.charAt(end))) {
                end++;
            }
            return new Token(Kind.SPACE, i, end);
        }
        if (c == '\'' || c == '"') {
            return new Token(Kind.QUOTED, i, skipQuoted(sql, i, false));
        }
        if (sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return new Token(Kind.COMMENT, i, newline < 0 ? sql.length() : newline);
        }
        if (sql.startsWith("/*", i)) {
            return new Token(Kind.COMMENT, i, skipBlockComment(sql, i));
        }
        if (c == '$') {
            String tag = dollarTag(sql, i);
            if (tag != null) {
                int close = sql.indexOf(tag, i + tag.length());
                return new Token(Kind.QUOTED, i, close < 0 ? sql.length() : close + tag.length());
            }
        }
        if (isWordStart(c)) {
            int end = i + 1;
            while (end < sql.length() && isWordPart(sql.charAt(end))) {
                end++;
            }
            // E'...' is one token, a string in which backslashes escape; any longer word before a quote is not.
            if (end == i + 1 && (c == 'E' || c == 'e') && end < sql.length() && sql.charAt(end) == '\'') {
                return new Token(Kind.QUOTED, i, skipQuoted(sql, end, true));
            }
            return new Token(Kind.WORD, i, end);
        }
        return new Token(Kind.SYMBOL, i, i + 1);
    }

    /** PostgreSQL's white space: space, tab, newline, carriage return, form feed, vertical tab. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    /** As in PostgreSQL, any non-ASCII character may be part of an identifier. */
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** Skips a string or quoted identifier whose opening quote is at {@code start}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int start, boolean backslashEscapes) {
        char quote = sql.charAt(start);
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

    /** Block comments nest in PostgreSQL, unlike in the SQL standard. */
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
        while (j < sql.length() && (isWordStart(sql.charAt(j)) || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$') {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
