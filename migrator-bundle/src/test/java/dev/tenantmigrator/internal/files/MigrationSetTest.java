package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.TestMigration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSetTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(dir.resolve(fileName), content);
    }

    private MigrationSet load(List<Migration> java) {
        return MigrationSet.load(new MigrationLocation("filesystem:" + dir, true), java);
    }

    @Test
    void mixesSqlFilesAndJavaMigrationsInVersionOrderIgnoringOtherFiles() throws IOException {
        write("20220101000003_c.sql", "-- migrate:up\nSELECT 3;\n");
        write("20220101000001_a.sql", "-- migrate:up\nSELECT 1;\n");
        write("README.md", "not a migration");

        MigrationSet set = load(List.of(TestMigration.of(20220101000002L)));

        assertThat(set.all()).extracting(Migration::description)
            .containsExactly("20220101000001_a.sql", "20220101000002_m20220101000002", "20220101000003_c.sql");
    }

    @Test
    void rejectsADuplicateVersionNamingBothFiles() throws IOException {
        write("20220101000001_a.sql", "-- migrate:up\nSELECT 1;\n");
        write("20220101000001_b.sql", "-- migrate:up\nSELECT 1;\n");

        assertThatThrownBy(() -> load(List.of()))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Migration version 20220101000001 is used twice in filesystem:" + dir
                + ": by 20220101000001_a.sql and by 20220101000001_b.sql.");
    }

    @Test
    void rejectsAJavaMigrationClashingWithAFile() throws IOException {
        write("20220101000001_a.sql", "-- migrate:up\nSELECT 1;\n");

        assertThatThrownBy(() -> load(List.of(TestMigration.of(20220101000001L))))
            .hasMessageContaining("used twice").hasMessageContaining("20220101000001_m20220101000001");
    }

    @Test
    void rejectsAJavaMigrationWithABadVersionOrName() {
        assertThatThrownBy(() -> load(List.of(TestMigration.of(0)))).hasMessageContaining("versions must be positive");
        assertThatThrownBy(() -> load(List.of(new TestMigration(5, "has space", true))))
            .hasMessageContaining("has name 'has space'");
    }

    @Test
    void failsOnTheFirstMalformedFileNamingIt() throws IOException {
        write("20220101000001_a.sql", "-- migrate:up\nSELECT 1;\n");
        write("not-a-version.sql", "-- migrate:up\nSELECT 1;\n");

        assertThatThrownBy(() -> load(List.of())).hasMessageStartingWith("Migration file not-a-version.sql in filesystem:");
    }

    @Test
    void aNamedLocationThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> new MigrationLocation("filesystem:" + dir.resolve("nope"), true).sqlFiles())
            .hasMessage("Migration location filesystem:" + dir.resolve("nope") + " does not exist.");
        assertThatThrownBy(() -> new MigrationLocation("classpath:no/such/folder", true).sqlFiles())
            .hasMessage("Migration location classpath:no/such/folder does not exist.");
    }

    @Test
    void aDefaultLocationThatDoesNotExistIsEmpty() {
        assertThat(new MigrationLocation("classpath:no/such/folder", false).sqlFiles()).isEmpty();
    }

    @Test
    void aLocationWithoutAPrefixIsAnError() {
        assertThatThrownBy(() -> new MigrationLocation("db/migrations", true))
            .hasMessage("Migration location 'db/migrations' must start with 'classpath:' or 'filesystem:'.");
    }

    @Test
    void readsAClasspathFolderInsideAJar() throws IOException {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Jars built by Maven list their folders as entries; the class loader finds a folder by its entry.
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/jarred/"));
            putEntry(out, "db/jarred/20220101000001_a.sql", "-- migrate:up\nSELECT 1;\n");
            putEntry(out, "db/jarred/nested/20220101000002_b.sql", "-- migrate:up\nSELECT 2;\n");
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            assertThat(new MigrationLocation("classpath:db/jarred", true).sqlFiles()).containsOnlyKeys("20220101000001_a.sql");
            SqlMigration migration = (SqlMigration) MigrationSet.load(new MigrationLocation("classpath:db/jarred", true),
                List.of()).all().get(0);
            // The catalog keeps no SQL: the statements are read from the jar again.
            assertThat(migration.upStatements()).containsExactly(new SqlStatement("SELECT 1", 2));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void readsAClasspathFolderInADirectory() {
        assertThat(new MigrationLocation("classpath:fixtures/classpath_migrations", true).sqlFiles())
            .containsOnlyKeys("20220101000001_from_classpath.sql");
    }

    @Test
    void aFileWithAByteOrderMarkHasTheChecksumOfItsText() throws IOException {
        Files.write(dir.resolve("20220101000001_a.sql"),
            ("\uFEFF" + SqlMigrationParserTest.MIXED_LINE_ENDINGS).getBytes(StandardCharsets.UTF_8));

        assertThat(load(List.of()).all()).extracting(Migration::checksum)
            .containsExactly("4ecb5af641f390746894eb7d46c35361d369a9254a01064f52ab9c401905f536");
    }

    private static void putEntry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
