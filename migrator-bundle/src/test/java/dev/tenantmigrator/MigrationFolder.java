package dev.tenantmigrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of migration files written by a test, used as a {@code filesystem:} location. */
final class MigrationFolder {

    private final Path dir;

    MigrationFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file with an up and a down section. */
    MigrationFolder add(String fileName, String up, String down) {
        return write(fileName, "-- migrate:up\n" + up + "\n\n-- migrate:down\n" + down + "\n");
    }

    /** Writes a file with only an up section. */
    MigrationFolder addWithoutDown(String fileName, String up) {
        return write(fileName, "-- migrate:up\n" + up + "\n");
    }

    MigrationFolder write(String fileName, String content) {
        try {
            Files.writeString(dir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String location() {
        return "filesystem:" + dir;
    }
}
