package dev.tenantmigrator.benchmark.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes migrations as one Liquibase "formatted SQL" changelog: one change set per migration, its
 * id the version, its body the up section. {@code splitStatements:false} hands each body to the
 * driver whole, as our tool does, so Liquibase's splitter never sees a dollar-quoted function body.
 */
public final class LiquibaseChangelog {

    /** The author every change set names. */
    public static final String AUTHOR = "benchmark";

    private LiquibaseChangelog() {
    }

    /** Writes (or replaces) the changelog {@code file}. */
    public static Path write(Path file, List<MigrationFile> migrations) {
        StringBuilder changelog = new StringBuilder("-- liquibase formatted sql\n");
        for (MigrationFile migration : migrations) {
            changelog.append("\n-- changeset ").append(AUTHOR).append(':').append(migration.version())
                .append(" splitStatements:false\n")
                .append(migration.upStatement()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, changelog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Liquibase changelog " + file, e);
        }
    }
}
