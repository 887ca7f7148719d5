package dev.tenantmigrator;

/**
 * How a message shows text it was given: at most {@value #MAX} characters, with control characters
 * and invisible ones escaped ({@code \n}, {@code \t}, &#92;u0000, &#92;uFEFF), so that a bad
 * value, such as a binary file's first line or a million-character tenant name, neither floods the
 * message nor breaks it over lines. Every message of the library that quotes a value a user gave
 * goes through {@link #quoted(String)}; an application can use it for its own, as the example service
 * does for the slugs its API is sent.
 */
public final class Excerpt {

    /** The most characters of a value a message shows, the {@code ...} that marks a cut included. */
    public static final int MAX = 80;

    private static final String CUT = "...";

    private Excerpt() {
    }

    /**
     * The value in single quotes, as {@link #of(String)} shows it; a value that was cut is followed by
     * its length: {@code 'tttt...' (1000000 characters)}. Null is {@code null}, unquoted.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        Shown shown = show(value);
        return "'" + shown.text() + "'" + (shown.cut() ? " (" + value.codePointCount(0, value.length()) + " characters)" : "");
    }

    /**
     * The text with control and invisible characters escaped, cut to {@value #MAX} characters ending in
     * {@code ...} when it is longer; an escape is never cut in two.
     */
    public static String of(String text) {
        return show(text).text();
    }

    /** The text as shown, and whether it was cut. */
    private record Shown(String text, boolean cut) {
    }

    private static Shown show(String text) {
        StringBuilder shown = new StringBuilder();
        // The length of what is shown when the text has to be cut: whole characters, leaving room for "...".
        int fits = 0;
        for (int at = 0; at < text.length(); ) {
            int c = text.codePointAt(at);
            at += Character.charCount(c);
            shown.append(escaped(c));
            if (shown.length() > MAX) {
                return new Shown(shown.substring(0, fits) + CUT, true);
            }
            if (shown.length() <= MAX - CUT.length()) {
                fits = shown.length();
            }
        }
        return new Shown(shown.toString(), false);
    }

    private static String escaped(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> isHidden(c) ? String.format("\\u%04X", c) : Character.toString(c);
        };
    }

    /**
     * Control characters, and those that show as nothing or turn the text around: a byte order mark,
     * a zero-width space, a right-to-left override, a line separator, half of a broken surrogate pair.
     */
    private static boolean isHidden(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
