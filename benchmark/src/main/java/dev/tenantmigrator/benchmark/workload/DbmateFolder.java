package dev.tenantmigrator.benchmark.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes migrations as our tool reads them: the original dbmate files, unchanged. */
public final class DbmateFolder {

    private DbmateFolder() {
    }

    /** Replaces the {@code .sql} files of {@code folder} (created when missing) with {@code migrations}. */
    public static Path write(Path folder, List<MigrationFile> migrations) {
        try {
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    if (file.getFileName().toString().endsWith(".sql")) {
                        Files.delete(file);
                    }
                }
            }
            for (MigrationFile migration : migrations) {
                add(folder, migration);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write migrations to " + folder, e);
        }
    }

    /** Copies one more migration into {@code folder}; returns the file written. */
    public static Path add(Path folder, MigrationFile migration) throws IOException {
        return Files.writeString(folder.resolve(migration.fileName()), migration.content(), StandardCharsets.UTF_8);
    }
}
