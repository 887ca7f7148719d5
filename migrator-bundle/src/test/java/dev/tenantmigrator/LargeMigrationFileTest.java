package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.ChildUpThenStatus;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration file far larger than the heap's share it may take: the files are read in bounded
 * memory when they are loaded (checksums, sections, checks) and again when one runs.
 */
@ExtendWith(PostgresExtension.class)
class LargeMigrationFileTest {

    private static final int ROWS = 500_000;
    private static final String FILE = "20220101000001_load_big.sql";

    @TempDir
    Path dir;

    @Test
    void aFiftyMegabyteFileOfInsertsRunsAndStatusReadsItInAHeapOf256Megabytes(TestDatabase db) throws Exception {
        Path tenant = Files.createDirectories(dir.resolve("tenant"));
        writeInserts(tenant.resolve(FILE));
        assertThat(Files.size(tenant.resolve(FILE))).isGreaterThan(50_000_000L);
        Path log = dir.resolve("child.log");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), ChildUpThenStatus.class.getName(),
            db.url(), db.user(), db.password(), MigratorSettings.DEFAULT_MAIN_LOCATION, "filesystem:" + tenant, "t_big")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            child.waitFor(5, TimeUnit.MINUTES);
        } finally {
            child.destroyForcibly();
        }

        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("status: up to date");
        assertThat(db.versions("t_big")).containsExactly(20220101000001L);
        assertThat(db.queryOne("SELECT count(*) FROM t_big.big", Long.class)).isEqualTo(ROWS);
    }

    @Test
    void aFailingStatementOfALaterBatchIsNamedWithItsNumberInTheSectionAndNothingIsKept(TestDatabase db) throws IOException {
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .addWithoutDown(FILE, "CREATE TABLE filler (id int, body text);\n" + fillerRows(2_500).replace(
                "INSERT INTO filler VALUES (2345,", "INSERT INTO missing VALUES (2345,"));

        assertThatThrownBy(() -> migrator(db, main).up())
            .isInstanceOf(RunFailedException.class)
            .hasMessage(FILE + " failed during up of schema public (nothing of it was kept): statement 2346 of 2501 "
                + "(line 2347: INSERT INTO missing VALUES (2345, '" + "x".repeat(42) + "...) "
                + "failed: ERROR: relation \"missing\" does not exist (position 13)");
        assertThat(db.tables("public")).doesNotContain("filler");
    }

    @Test
    void aLargeFileEditedAfterTheMigratorWasBuiltFailsAndNothingOfItIsKept(TestDatabase db) throws IOException {
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .addWithoutDown(FILE, "CREATE TABLE filler (id int, body text);\n" + fillerRows(2_500));
        Migrator migrator = migrator(db, main);
        main.addWithoutDown(FILE, "CREATE TABLE filler (id int, body text);\n" + fillerRows(2_500) + "DROP TABLE notes;");

        assertThatThrownBy(migrator::up)
            .hasMessageEndingWith("Migration file " + FILE + " in " + main.location() + " changed after the migrator "
                + "read it: its '-- migrate:up' section is not the one whose checksum was computed; build the migrator "
                + "again (restart the application) to run the file as it is now.");
        assertThat(db.tables("public")).doesNotContain("filler");
    }

    @Test
    void aSmallFileEditedAfterTheMigratorWasBuiltFailsBeforeAnyOfItRuns(TestDatabase db) {
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .write(FILE, "-- migrate:up transaction:false\nCREATE TABLE filler (id int);\n");
        Migrator migrator = migrator(db, main);
        main.write(FILE, "-- migrate:up transaction:false\nCREATE TABLE filler (id bigint);\n");

        assertThatThrownBy(migrator::up).hasMessageContaining(" changed after the migrator read it: ");
        assertThat(db.tables("public")).doesNotContain("filler");
    }

    private static Migrator migrator(TestDatabase db, MigrationFolder main) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation(main.location())
            .tenantSource(TenantSource.of(List.of()))
            .build());
    }

    /** Rows of about 500 characters each, so a few thousand make a section too large to keep in memory. */
    private static String fillerRows(int rows) {
        StringBuilder sql = new StringBuilder();
        for (int row = 1; row <= rows; row++) {
            sql.append("INSERT INTO filler VALUES (").append(row).append(", '").append("x".repeat(480)).append("');\n");
        }
        return sql.toString();
    }

    /** A data migration as a dump writes it: a table, then one INSERT of about 100 bytes a row. */
    private static void writeInserts(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- migrate:up\nCREATE TABLE big (id int PRIMARY KEY, body text NOT NULL);\n");
            for (int row = 1; row <= ROWS; row++) {
                out.write("INSERT INTO big (id, body) VALUES (" + row + ", 'row " + row
                    + " of the big table, padded to a hundred bytes with some text');\n");
            }
            out.write("\n-- migrate:down\nDROP TABLE big;\n");
        }
    }
}
