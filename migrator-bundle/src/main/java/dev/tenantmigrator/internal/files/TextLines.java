package dev.tenantmigrator.internal.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a text into lines as it is read, exactly as {@code text.split("\\R", -1)} cuts the whole
 * text, so sections and checksums are those of files read whole: a line ends at CR LF or at any
 * one of LF, VT, FF, CR, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), and
 * the text after the last line break is a line too (empty when the text ends with one).
 */
final class TextLines implements Closeable {

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private boolean afterCarriageReturn;
    private boolean ended;

    TextLines(Reader reader) {
        this.reader = reader;
    }

    /** The next line without its line break, or null after the last one. */
    String next() throws IOException {
        if (ended) {
            return null;
        }
        line.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                return line.toString();
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && !isLineBreak(buffer[position])) {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                afterCarriageReturn = buffer[position++] == '\r';
                return line.toString();
            }
        }
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
