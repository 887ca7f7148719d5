package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import org.junit.jupiter.api.Test;

class SqlMigrationParserTest {

    private static final String LOCATION = "classpath:db/migrations";

    private static SqlMigration parse(String fileName, String content) {
        return SqlMigrationParser.parse(fileName, LOCATION, content);
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
