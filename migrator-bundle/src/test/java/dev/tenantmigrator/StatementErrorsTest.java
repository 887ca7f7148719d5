package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every section runs statement by statement: function bodies survive, and a failure names its statement and line. */
@ExtendWith(PostgresExtension.class)
class StatementErrorsTest {

    private static final String FIRST = "20220101000001_create_notes.sql";

    @TempDir
    Path dir;
    private MigrationFolder main;

    @BeforeEach
    void writeMigrations() {
        main = new MigrationFolder(dir.resolve("main"))
            .add(FIRST, "CREATE TABLE notes (id int PRIMARY KEY, body text);", "DROP TABLE notes;");
    }

    private Migrator migrator(TestDatabase db) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .mainLocation(main.location())
            .tenantSource(TenantSource.of(List.of()))
            .build());
    }

    @Test
    void aTransactionalMigrationWithBeginAtomicFunctionsAndATableApplies(TestDatabase db) {
        assumeTrue(db.queryOne("SELECT current_setting('server_version_num')::int", Integer.class) >= 140000,
            "SQL-standard function bodies need PostgreSQL 14");
        main.add("20220101000002_create_grades.sql", """
                CREATE TABLE scores (score int);
                CREATE FUNCTION grade(score int) RETURNS text LANGUAGE sql IMMUTABLE
                BEGIN ATOMIC
                  SELECT CASE WHEN score >= 90 THEN 'a;' ELSE CASE WHEN score >= 50 THEN 'b;' ELSE 'c;' END END;
                END;
                CREATE FUNCTION record_score(end_date date, score int) RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO scores VALUES (score);
                  SELECT count(*) + (end_date - date '2020-01-01') FROM scores;
                END;
                CREATE TABLE graded (score int, grade text);""",
            "DROP FUNCTION record_score(date, int); DROP FUNCTION grade(int); DROP TABLE graded; DROP TABLE scores;");

        migrator(db).up();

        assertThat(db.queryOne("SELECT grade(95) || grade(60) || grade(1)", String.class)).isEqualTo("a;b;c;");
        assertThat(db.queryOne("SELECT record_score(date '2020-01-03', 70)", Long.class)).isEqualTo(3L);
        assertThat(db.tables("public")).contains("scores", "graded");
        assertThat(db.versions("public")).containsExactly(20220101000001L, 20220101000002L);
    }

    /** Tables a, b, c with a rule whose two actions, in parentheses, copy each row of a into b and c. */
    private static String copyingRule(String suffix) {
        return "CREATE TABLE a%1$s (id int);\nCREATE TABLE b%1$s (id int);\nCREATE TABLE c%1$s (id int);\n".formatted(suffix)
            + "CREATE RULE copy%1$s AS ON INSERT TO a%1$s DO ALSO (INSERT INTO b%1$s VALUES (NEW.id); INSERT INTO c%1$s VALUES (NEW.id));\n"
                .formatted(suffix)
            + "INSERT INTO a%s VALUES (1);\n".formatted(suffix);
    }

    @Test
    void semicolonsInsideParenthesesStayInTheirStatementInBothKindsOfSection(TestDatabase db) {
        main.addWithoutDown("20220101000002_rule.sql", copyingRule(""))
            .write("20220101000003_rule_outside.sql", "-- migrate:up transaction:false\n" + copyingRule("_2"));

        migrator(db).up();

        assertThat(db.queryOne("SELECT (SELECT count(*) FROM b) + (SELECT count(*) FROM c) + (SELECT count(*) FROM b_2)"
            + " + (SELECT count(*) FROM c_2)", Long.class)).isEqualTo(4L);
    }

    @Test
    void aFailingStatementInATransactionalMigrationIsNamedWithItsLineAndNothingIsKept(TestDatabase db) {
        migrator(db).up();
        main.add("20220101000002_fill_audit.sql",
            "CREATE TABLE more_notes (id int);\n-- audit comes later\nINSERT INTO audit VALUES (1, 'x');\nSELECT 1;",
            "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).up())
            .isInstanceOf(RunFailedException.class)
            .hasMessage("20220101000002_fill_audit.sql failed during up of schema public (nothing of it was kept): "
                + "statement 2 of 3 (line 4: INSERT INTO audit VALUES (1, 'x')) failed: "
                + "ERROR: relation \"audit\" does not exist (position 13)");
        assertThat(db.tables("public")).doesNotContain("more_notes");
        assertThat(db.versions("public")).containsExactly(20220101000001L);
    }

    /**
     * pgjdbc names the failed batch entry by a number formatted in the JVM's default locale: 1,233 in
     * English, 1.233 in German, 1 233 (a no-break space) in French. Each statement here is on the two
     * lines after its comment, so statement 1234 starts on line 2469.
     */
    @Test
    void theFailingStatementOfAThousandsIsNamedWithItsLineInAnyLocale(TestDatabase db) {
        migrator(db).up();
        String up = IntStream.rangeClosed(1, 1500)
            .mapToObj(i -> "-- note " + i + "\nINSERT INTO notes VALUES (" + (i == 1234 ? 1 : i) + ", 'note " + i + "');")
            .collect(Collectors.joining("\n"));
        main.addWithoutDown("20220101000002_many_notes.sql", up);
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : List.of(Locale.US, Locale.GERMANY, Locale.FRANCE)) {
                Locale.setDefault(locale);

                assertThatThrownBy(() -> migrator(db).up()).as(locale.toString())
                    .hasMessageEndingWith("(nothing of it was kept): statement 1234 of 1500 (line 2469: INSERT INTO notes "
                        + "VALUES (1, 'note 1234')) failed: ERROR: duplicate key value violates unique constraint \"notes_pkey\"");
            }
        } finally {
            Locale.setDefault(before);
        }
        assertThat(db.queryOne("SELECT count(*) FROM notes", Integer.class)).isZero();
    }

    @Test
    void anErrorWithoutAPositionInTheLastStatementOfABatchIsNamedToo(TestDatabase db) {
        migrator(db).up();
        main.add("20220101000002_divide.sql", "INSERT INTO notes VALUES (1, 'a');\nSELECT 1;\n\nSELECT 1 / 0;", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).up())
            .hasMessageEndingWith("(nothing of it was kept): statement 3 of 3 (line 5: SELECT 1 / 0) failed: ERROR: division by zero");
        assertThat(db.queryOne("SELECT count(*) FROM notes", Integer.class)).isZero();
    }

    @Test
    void aFailingStatementOutsideATransactionIsNamedAndTheOnesBeforeItStay(TestDatabase db) {
        migrator(db).up();
        main.write("20220101000002_index_then_fail.sql", """
            -- migrate:up transaction:false
            CREATE TABLE parts (id int);
            CREATE INDEX CONCURRENTLY parts_id ON parts (id);
            SELECT * FROM missing_table;
            """);

        assertThatThrownBy(() -> migrator(db).up())
            .isInstanceOf(RunFailedException.class)
            .hasMessage("20220101000002_index_then_fail.sql failed during up of schema public (it ran outside a transaction, "
                + "so the statements before the failing one stay applied; the failure is recorded and db-up refuses this "
                + "schema until you check it and run db-repair): statement 3 of 3 (line 4: SELECT * FROM missing_table) failed: "
                + "ERROR: relation \"missing_table\" does not exist (position 15)");
        assertThat(db.queryOne("SELECT to_regclass('public.parts_id') IS NOT NULL", Boolean.class)).isTrue();
        assertThat(db.versions("public")).containsExactly(20220101000001L);
    }

    @Test
    void aFailingSingleStatementGetsPostgresMessageWithThePosition(TestDatabase db) {
        main.addWithoutDown("20220101000002_typo.sql", "SELECT nothing FROM notes;");

        assertThatThrownBy(() -> migrator(db).up())
            .hasMessage("20220101000002_typo.sql failed during up of schema public (nothing of it was kept): "
                + "ERROR: column \"nothing\" does not exist (position 8)");
    }

    @Test
    void createIndexConcurrentlyInATransactionalSectionIsRefusedWhenTheMigratorIsBuilt(TestDatabase db) {
        main.write("20220101000002_index_notes.sql", """
            -- migrate:up
            CREATE INDEX CONCURRENTLY notes_body ON notes (body);
            -- migrate:down
            DROP INDEX notes_body;
            """);

        assertThatThrownBy(() -> migrator(db))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Migration file 20220101000002_index_notes.sql in " + main.location() + " has CREATE INDEX "
                + "CONCURRENTLY in its '-- migrate:up' section (line 2: CREATE INDEX CONCURRENTLY notes_body ON notes (body)), "
                + "which PostgreSQL cannot run inside a transaction; change that section's line to "
                + "'-- migrate:up transaction:false'.");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }
}
