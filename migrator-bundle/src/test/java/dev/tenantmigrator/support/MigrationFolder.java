package dev.tenantmigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of migration files written by a test, used as a {@code filesystem:} location. */
public final class MigrationFolder {

    private final Path dir;

    public MigrationFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file with an up and a down section. */
    public MigrationFolder add(String fileName, String up, String down) {
        return write(fileName, "-- migrate:up\n" + up + "\n\n-- migrate:down\n" + down + "\n");
    }

    /** Writes a file with only an up section. */
    public MigrationFolder addWithoutDown(String fileName, String up) {
        return write(fileName, "-- migrate:up\n" + up + "\n");
    }

    /** Writes a file with exactly this content. */
    public MigrationFolder write(String fileName, String content) {
        try {
            Files.writeString(dir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The folder, as a {@code filesystem:} location. */
    public String location() {
        return "filesystem:" + dir;
    }

    public Path path() {
        return dir;
    }
}
