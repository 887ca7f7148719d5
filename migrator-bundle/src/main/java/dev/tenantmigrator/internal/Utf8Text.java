package dev.tenantmigrator.internal;

import dev.tenantmigrator.MigratorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a file that must be UTF-8, decoded as it is read: a migration file (decoded any other
 * way, a byte would silently become another character and change the SQL and its checksum) or a
 * tenants file. A leading byte order mark is dropped (editors on Windows write one, and it would hide
 * the first {@code -- migrate:up} or tenant name). A byte UTF-8 does not allow throws a
 * {@link MigratorException} naming the file and the line, e.g.
 * {@code Tenants file canaries.txt is not UTF-8: line 2 holds the byte 0xE9, ...}.
 */
public final class Utf8Text extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER = 8192;

    private final InputStream in;
    private final String file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean first = true;
    private int line = 1;

    /**
     * @param file the file as messages name it, e.g. {@code Migration file 20240101000000_notes.sql in classpath:db}
     */
    public Utf8Text(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    /**
     * The whole text of a file already read, decoded as {@link #Utf8Text(InputStream, String)} decodes a
     * stream (the same byte order mark, the same message).
     */
    public static String decode(byte[] bytes, String file) {
        StringBuilder text = new StringBuilder();
        try (Reader reader = new Utf8Text(new ByteArrayInputStream(bytes), file)) {
            char[] buffer = new char[BUFFER];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                text.append(buffer, 0, read);
            }
        } catch (IOException e) {
            // A ByteArrayInputStream does not fail.
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            decodeMore();
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    /** Decodes what the bytes read so far hold, reading more when they end in the middle of a character. */
    private void decodeMore() throws IOException {
        if (!endOfInput) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            endOfInput = read < 0;
            bytes.position(bytes.position() + Math.max(read, 0)).flip();
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (endOfInput && result.isUnderflow()) {
            result = decoder.flush(chars);
            flushed = result.isUnderflow();
        }
        chars.flip();
        for (int i = 0; i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        if (result.isError()) {
            throw new MigratorException(file + " is not UTF-8: line " + line
                + String.format(" holds the byte 0x%02X", bytes.get(bytes.position()) & 0xFF)
                + ", which UTF-8 does not allow there; save the file as UTF-8.");
        }
        if (first && chars.hasRemaining()) {
            first = false;
            if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.get();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
