package dev.tenantmigrator.benchmark.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes migrations as Flyway reads them: {@code V<version>__<name>.sql} holding the up section
 * alone, the version being the same 14-digit number.
 */
public final class FlywayFolder {

    private FlywayFolder() {
    }

    /** Replaces the contents of {@code folder} with {@code migrations}. */
    public static Path write(Path folder, List<MigrationFile> migrations) {
        try {
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
            for (MigrationFile migration : migrations) {
                String name = "V" + migration.version() + "__" + migration.name() + ".sql";
                Files.writeString(folder.resolve(name), migration.upStatement() + "\n", StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write Flyway migrations to " + folder, e);
        }
    }
}
