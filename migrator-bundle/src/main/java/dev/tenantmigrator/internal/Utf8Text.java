package dev.tenantmigrator.internal;

import dev.tenantmigrator.MigratorException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a file that must be UTF-8: a migration file (decoded any other way, a byte would silently
 * become another character and change the SQL and its checksum) or a tenants file.
 */
public final class Utf8Text {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8Text() {
    }

    /**
     * The file's text, without a leading byte order mark (editors on Windows write one, and it would
     * hide the first {@code -- migrate:up} or tenant name); throws naming the file and line when it is
     * not UTF-8, e.g. {@code Tenants file canaries.txt is not UTF-8: line 2 holds the byte 0xE9, ...}.
     *
     * @param file the file as messages name it, e.g. {@code Migration file 20240101000000_notes.sql in classpath:db}
     */
    public static String decode(byte[] bytes, String file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new MigratorException(file + " is not UTF-8: line " + lineOf(bytes, offset)
                + String.format(" holds the byte 0x%02X", bytes[offset] & 0xFF) + ", which UTF-8 does not allow there; "
                + "save the file as UTF-8.");
        }
        String text = out.flip().toString();
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
