package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splitsOnSemicolonsBetweenStatements() {
        assertThat(SqlStatements.split("CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY i ON a (id);\n"))
            .containsExactly("CREATE TABLE a (id int)", "CREATE INDEX CONCURRENTLY i ON a (id)");
    }

    @Test
    void keepsSemicolonsInsideStringsIdentifiersAndComments() {
        String sql = "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;');\n"
            + "CREATE TABLE \"odd;name\" (id int); -- trailing; comment\n"
            + "/* block; /* nested; */ still comment; */ SELECT 1";

        assertThat(SqlStatements.split(sql)).containsExactly(
            "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;')",
            "CREATE TABLE \"odd;name\" (id int)",
            "-- trailing; comment\n/* block; /* nested; */ still comment; */ SELECT 1");
    }

    @Test
    void keepsDollarQuotedBodiesWhole() {
        String body = "CREATE FUNCTION f() RETURNS text AS $fn$ BEGIN RETURN 'a;b'; END; $fn$ LANGUAGE plpgsql";
        String plain = "CREATE FUNCTION g() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql";

        assertThat(SqlStatements.split(body + ";\n" + plain + ";")).containsExactly(body, plain);
    }

    @Test
    void doesNotMistakePositionalParametersForDollarQuotes() {
        assertThat(SqlStatements.split("PREPARE p AS SELECT $1; EXECUTE p(1);"))
            .containsExactly("PREPARE p AS SELECT $1", "EXECUTE p(1)");
    }

    @Test
    void treatsCommentsAndSemicolonsAloneAsBlank() {
        assertThat(SqlStatements.isBlank("-- nothing\n ; /* at all */ ;")).isTrue();
        assertThat(SqlStatements.isBlank("-- something\nSELECT 1")).isFalse();
    }
}
