package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.internal.Utf8Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SQL migration file of a location, which can be read more than once: when the migrator is built
 * (to check it and compute its checksum) and again when one of its sections runs, so the catalog
 * keeps no SQL.
 */
final class MigrationFile {

    /** Opens the file's bytes. */
    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private final String fileName;
    private final String location;
    private final Opener opener;

    private MigrationFile(String fileName, String location, Opener opener) {
        this.fileName = fileName;
        this.location = location;
        this.opener = opener;
    }

    /** A file in a directory. */
    static MigrationFile inDirectory(Path file, String location) {
        return new MigrationFile(file.getFileName().toString(), location, () -> Files.newInputStream(file));
    }

    /**
     * An entry of a jar, by its {@code jar:} URL. It is read without the JVM's cache of open jars,
     * which would keep the jar open for good once the read is done.
     */
    static MigrationFile inJar(URL entry, String fileName, String location) {
        return new MigrationFile(fileName, location, () -> {
            URLConnection connection = entry.openConnection();
            connection.setUseCaches(false);
            return connection.getInputStream();
        });
    }

    /** A file whose text is held in memory, e.g. by a test. */
    static MigrationFile ofText(String fileName, String location, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new MigrationFile(fileName, location, () -> new ByteArrayInputStream(bytes));
    }

    String fileName() {
        return fileName;
    }

    String location() {
        return location;
    }

    /** How messages name the file: {@code Migration file <name> in <location>}. */
    String where() {
        return "Migration file " + fileName + " in " + location;
    }

    /** Opens the file's text, decoded as UTF-8 (see {@link Utf8Text}), line by line. */
    TextLines lines() throws IOException {
        return new TextLines(new Utf8Text(opener.open(), where()));
    }
}
