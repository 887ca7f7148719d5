package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    private static List<String> lines(Reader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        try (TextLines text = new TextLines(reader)) {
            for (String line = text.next(); line != null; line = text.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A reader that gives one character a read, so every line break falls on a buffer's edge. */
    private static Reader oneByOne(String text) {
        StringReader reader = new StringReader(text);
        return new Reader() {
            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                return reader.read(target, offset, Math.min(length, 1));
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Test
    void cutsLinesAsSplittingTheWholeTextOnAnyLineBreakDoes() throws IOException {
        List<String> texts = List.of("", "a", "a\n", "\n", "\r\n\r\n", "a\r\rb\r\n\nc", "\r", "a\r",
            "a\u000Bb\fc\u0085d\u2028e\u2029f", "x".repeat(8191) + "\r\ny", "x".repeat(8191) + "\r", "caf\u00e9\n\uD83D\uDE00");
        for (String text : texts) {
            List<String> expected = List.of(text.split("\\R", -1));

            assertThat(lines(new StringReader(text))).as(text).isEqualTo(expected);
            assertThat(lines(oneByOne(text))).as(text).isEqualTo(expected);
        }
    }
}
