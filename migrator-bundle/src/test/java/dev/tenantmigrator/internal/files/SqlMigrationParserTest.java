package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import org.junit.jupiter.api.Test;

class SqlMigrationParserTest {

    private static final String LOCATION = "classpath:db/migrations";

    /** Every line ending Java's {@code \\R} knows, non-ASCII text, a transaction:false section and no final newline. */
    static final String MIXED_LINE_ENDINGS = "-- Adds notes.\r\n\r\n-- migrate:up transaction:false\r\n"
        + "CREATE INDEX CONCURRENTLY notes_body ON notes (body);\rINSERT INTO notes VALUES ('caf\u00e9 \uD83D\uDE00');"
        + "\u2028SELECT 1;\u0085SELECT 2;\u000bSELECT 3;\fSELECT 4;\r\n-- migrate:down\r\nDROP INDEX notes_body;";

    private static SqlMigration parse(String fileName, String content) {
        return SqlMigrationParser.parse(MigrationFile.ofText(fileName, LOCATION, content));
    }

    @Test
    void readsVersionNameAndBothSections() {
        SqlMigration migration = parse("20220101120000_create_foo_table.sql",
            "-- migrate:up\nCREATE TABLE foo (id int);\n\n-- migrate:down\nDROP TABLE foo;\n");

        assertThat(migration.version()).isEqualTo(20220101120000L);
        assertThat(migration.name()).isEqualTo("create_foo_table");
        assertThat(migration.description()).isEqualTo("20220101120000_create_foo_table.sql");
        assertThat(migration.hasDown()).isTrue();
        assertThat(migration.transactional()).isTrue();
        assertThat(migration.checksum()).hasSize(64);
    }

    @Test
    void allowsAMissingDownSection() {
        SqlMigration migration = parse("1_only_up.sql", "-- migrate:up\nSELECT 1;\n");

        assertThat(migration.hasDown()).isFalse();
    }

    @Test
    void readsTransactionFalsePerSection() {
        SqlMigration migration = parse("2_index.sql",
            "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON foo (id);\n"
                + "-- migrate:down\nDROP INDEX i;\n");

        assertThat(migration.transactional()).isFalse();
        assertThat(migration.downTransactional()).isTrue();
    }

    @Test
    void refusesAtLoadAStatementPostgresCannotRunInATransactionNamingFileSectionAndLine() {
        String content = "-- Adds an index.\n\n-- migrate:up\nCREATE TABLE foo (id int);\n"
            + "CREATE UNIQUE INDEX\n  CONCURRENTLY foo_id ON foo (id);\n";

        assertThatThrownBy(() -> parse("9_index.sql", content))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Migration file 9_index.sql in classpath:db/migrations has CREATE INDEX CONCURRENTLY in its "
                + "'-- migrate:up' section (line 5: CREATE UNIQUE INDEX), which PostgreSQL cannot run inside a transaction; "
                + "change that section's line to '-- migrate:up transaction:false'.");
    }

    @Test
    void refusesItInADownSectionToo() {
        String content = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON foo (id);\n\n"
            + "-- migrate:down\n-- the index goes\nDROP INDEX CONCURRENTLY i;\n";

        assertThatThrownBy(() -> parse("10_index.sql", content))
            .hasMessage("Migration file 10_index.sql in classpath:db/migrations has DROP INDEX CONCURRENTLY in its "
                + "'-- migrate:down' section (line 6: DROP INDEX CONCURRENTLY i), which PostgreSQL cannot run inside a "
                + "transaction; change that section's line to '-- migrate:down transaction:false'.");
    }

    @Test
    void refusesEvenWhenTheSectionSaysTransactionTrue() {
        assertThatThrownBy(() -> parse("11_vacuum.sql", "-- migrate:up transaction:true\nVACUUM foo;\n"))
            .hasMessage("Migration file 11_vacuum.sql in classpath:db/migrations has VACUUM in its '-- migrate:up' "
                + "section (line 2: VACUUM foo), which PostgreSQL cannot run inside a transaction; change that "
                + "section's line to '-- migrate:up transaction:false'.");
    }

    @Test
    void allowsTheseStatementsOutsideATransactionAndLookalikesInside() {
        SqlMigration outside = parse("12_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON foo (id);\n"
            + "VACUUM foo;\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;\n");
        SqlMigration inside = parse("13_lookalikes.sql", "-- migrate:up\n"
            + "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n"
            + "INSERT INTO notes VALUES ('CREATE INDEX CONCURRENTLY i ON foo (id); VACUUM;');\n"
            + "-- CREATE INDEX CONCURRENTLY in a comment\n"
            + "CREATE INDEX \"concurrently\" ON foo (id);\n"
            + "CREATE FUNCTION f(concurrently int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT concurrently; END;\n");

        assertThat(outside.transactional()).isFalse();
        assertThat(outside.downTransactional()).isFalse();
        assertThat(inside.transactional()).isTrue();
    }

    @Test
    void checksumIgnoresLineEndingsAndTheDownSectionButNotTheTransactionMode() {
        String checksum = parse("1_a.sql", "-- migrate:up\nSELECT 1;\nSELECT 2;\n-- migrate:down\nSELECT 3;\n").checksum();

        assertThat(parse("1_a.sql", "-- migrate:up\r\nSELECT 1;\r\nSELECT 2;\r\n-- migrate:down\r\nSELECT 3;\r\n").checksum())
            .isEqualTo(checksum);
        assertThat(parse("1_a.sql", "-- migrate:up\nSELECT 1;\nSELECT 2;\n-- migrate:down\nSELECT 4;\n").checksum())
            .isEqualTo(checksum);
        assertThat(parse("1_a.sql", "-- migrate:up transaction:false\nSELECT 1;\nSELECT 2;\n").checksum())
            .isNotEqualTo(checksum);
    }

    /** Histories store these values: a change to how files are read must leave every one of them as it is. */
    @Test
    void checksumKeepsTheValuesHistoriesHoldForEveryKindOfLineEnding() {
        assertThat(parse("1_a.sql", "-- migrate:up\nCREATE TABLE foo (id int);\n\n-- migrate:down\nDROP TABLE foo;\n").checksum())
            .isEqualTo("c6113ddfceb0d407d85743399fe5fc0e94439880d7d5533a23035c7dbc6e0a53");
        assertThat(parse("1_a.sql", MIXED_LINE_ENDINGS).checksum())
            .isEqualTo("4ecb5af641f390746894eb7d46c35361d369a9254a01064f52ab9c401905f536");
    }

    @Test
    void checksumChangesWithContent() {
        assertThat(parse("1_a.sql", "-- migrate:up\nSELECT 1;").checksum())
            .isNotEqualTo(parse("1_a.sql", "-- migrate:up\nSELECT 2;").checksum());
    }

    @Test
    void rejectsAFileWithoutAnUpSectionNamingIt() {
        assertThatThrownBy(() -> parse("20220101120000_no_up.sql", "-- migrate:down\nDROP TABLE foo;\n"))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Migration file 20220101120000_no_up.sql in classpath:db/migrations has no '-- migrate:up' section.");
    }

    @Test
    void rejectsAnEmptyUpSection() {
        assertThatThrownBy(() -> parse("3_empty.sql", "-- migrate:up\n  -- nothing here\n;\n-- migrate:down\nSELECT 1;\n"))
            .hasMessage("Migration file 3_empty.sql in classpath:db/migrations has an empty '-- migrate:up' section.");
    }

    @Test
    void rejectsAnUnknownDirective() {
        assertThatThrownBy(() -> parse("4_odd.sql", "-- migrate:up\nSELECT 1;\n-- migrate:sideways\nSELECT 2;\n"))
            .hasMessageContaining("4_odd.sql")
            .hasMessageContaining("unknown directive '-- migrate:sideways'");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> parse("5_odd.sql", "-- migrate:up transaction:maybe\nSELECT 1;\n"))
            .hasMessageContaining("5_odd.sql")
            .hasMessageContaining("unknown directive '-- migrate:up transaction:maybe'");
    }

    @Test
    void rejectsTwoUpSections() {
        assertThatThrownBy(() -> parse("6_twice.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"))
            .hasMessageContaining("6_twice.sql in classpath:db/migrations has more than one '-- migrate:up' section");
    }

    @Test
    void rejectsSqlBeforeTheFirstDirective() {
        assertThatThrownBy(() -> parse("7_early.sql", "DROP TABLE foo;\n-- migrate:up\nSELECT 1;\n"))
            .hasMessageContaining("7_early.sql in classpath:db/migrations has SQL before its first '-- migrate:' line");
    }

    @Test
    void allowsCommentsBeforeTheFirstDirective() {
        assertThat(parse("8_commented.sql", "-- Adds foo.\n\n-- migrate:up\nSELECT 1;\n").version()).isEqualTo(8);
    }

    @Test
    void rejectsUnparseableFileNames() {
        for (String bad : new String[] {"create_foo.sql", "2022-01-01_foo.sql", "20220101_foo-bar.sql", "0_zero.sql",
            "20220101_.sql", "99999999999999999999_too_big.sql"}) {
            assertThatThrownBy(() -> parse(bad, "-- migrate:up\nSELECT 1;\n"))
                .isInstanceOf(MigratorException.class)
                .hasMessageStartingWith("Migration file " + bad + " in classpath:db/migrations");
        }
    }
}
