package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigratorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    private static final String WHERE = "Migration file 1_a.sql in filesystem:db";

    private static String read(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Reader reader = new Utf8Text(in, WHERE)) {
            char[] buffer = new char[100];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                text.append(buffer, 0, read);
            }
        }
        return text.toString();
    }

    /** A stream that gives one byte a read, so characters of several bytes arrive in pieces. */
    private static InputStream oneByOne(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(length, 1));
            }
        };
    }

    @Test
    void dropsAByteOrderMarkAndDecodesCharactersThatArriveInPieces() throws IOException {
        String text = "SELECT 'caf\u00e9 \uD83D\uDE00 \u2028';\n".repeat(1_000);
        byte[] bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);

        assertThat(read(oneByOne(bytes))).isEqualTo(text);
        assertThat(read(new ByteArrayInputStream(bytes))).isEqualTo(text);
    }

    @Test
    void namesTheLineAndByteUtf8DoesNotAllowFarIntoAFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("SELECT 1;\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        bytes.write("SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> read(new ByteArrayInputStream(bytes.toByteArray())))
            .isInstanceOf(MigratorException.class)
            .hasMessage(WHERE + " is not UTF-8: line 10001 holds the byte 0xE9, which UTF-8 does not allow there; "
                + "save the file as UTF-8.");
    }

    @Test
    void namesACharacterCutShortByTheEndOfTheFile() {
        byte[] cut = {'S', 'E', 'L', '\n', (byte) 0xE2, (byte) 0x82};

        assertThatThrownBy(() -> read(oneByOne(cut)))
            .hasMessageContaining(" is not UTF-8: line 2 holds the byte 0xE2,");
    }

    @Test
    void decodesBytesAlreadyReadAsTheStreamDoes() throws IOException {
        byte[] text = "\uFEFFalpha\nb\u00e9ta\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "alpha\nb\u00e9ta\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Utf8Text.decode(text, WHERE)).isEqualTo(read(new ByteArrayInputStream(text))).isEqualTo("alpha\nb\u00e9ta\n");
        assertThatThrownBy(() -> Utf8Text.decode(latin1, WHERE))
            .isInstanceOf(MigratorException.class)
            .hasMessage(WHERE + " is not UTF-8: line 2 holds the byte 0xE9, which UTF-8 does not allow there; "
                + "save the file as UTF-8.");
        assertThat(Utf8Text.decode(new byte[0], WHERE)).isEmpty();
    }
}
