package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    private static List<String> split(String sql) {
        return SqlStatements.split(sql).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsBetweenStatements() {
        assertThat(split("CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY i ON a (id);\n"))
            .containsExactly("CREATE TABLE a (id int)", "CREATE INDEX CONCURRENTLY i ON a (id)");
    }

    @Test
    void keepsSemicolonsInsideStringsIdentifiersAndComments() {
        String sql = "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;');\n"
            + "CREATE TABLE \"odd;name\" (id int); -- trailing; comment\n"
            + "/* block; /* nested; */ still comment; */ SELECT 1";

        assertThat(split(sql)).containsExactly(
            "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;')",
            "CREATE TABLE \"odd;name\" (id int)",
            "SELECT 1");
    }

    @Test
    void readsBackslashesAsEscapesOnlyInEStrings() {
        // In a standard string a backslash is a character, so 'C:\' ends at its second quote.
        assertThat(split("SELECT 'C:\\'; SELECT e'it\\'s; \\\\'; SELECT 1"))
            .containsExactly("SELECT 'C:\\'", "SELECT e'it\\'s; \\\\'", "SELECT 1");
        // A word ending in e before a quote is not an E string: the quote opens a standard one.
        assertThat(split("SELECT type'a\\'; SELECT 2")).containsExactly("SELECT type'a\\'", "SELECT 2");
    }

    @Test
    void keepsDollarQuotedBodiesWhole() {
        String body = "CREATE FUNCTION f() RETURNS text AS $fn$ BEGIN RETURN 'a;b'; END; $fn$ LANGUAGE plpgsql";
        String plain = "CREATE FUNCTION g() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql";
        String nested = "DO $outer$ BEGIN EXECUTE $$SELECT ';'$$; END $outer$";

        assertThat(split(body + ";\n" + plain + ";\n" + nested + ";")).containsExactly(body, plain, nested);
    }

    @Test
    void doesNotMistakePositionalParametersOrIdentifierDollarsForDollarQuotes() {
        assertThat(split("PREPARE p AS SELECT $1; EXECUTE p(1);"))
            .containsExactly("PREPARE p AS SELECT $1", "EXECUTE p(1)");
        assertThat(split("SELECT a$b$ FROM t; SELECT 2")).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
    }

    @Test
    void keepsABeginAtomicBodyWholeUpToTheEndThatClosesIt() {
        String function = """
            CREATE OR REPLACE FUNCTION grade(score int) RETURNS text LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN score < 0 THEN 'none;' ELSE CASE WHEN score > 90 THEN 'a' ELSE 'b' END END;
              SELECT (CASE score WHEN 1 THEN 'one' END);
            END""";
        String procedure = "CREATE PROCEDURE log_it() LANGUAGE sql BEGIN ATOMIC INSERT INTO log VALUES (1); END";

        assertThat(split(function + ";\nCREATE TABLE t (id int);\n" + procedure + ";\nSELECT 1;"))
            .containsExactly(function, "CREATE TABLE t (id int)", procedure, "SELECT 1");
    }

    @Test
    void doesNotTakeEndInsideNamesStringsOrCommentsForTheEndOfABody() {
        String function = """
            CREATE FUNCTION overdue(end_date date, "end" int, backend text) RETURNS boolean LANGUAGE sql
            BEGIN ATOMIC
              SELECT 'END; CASE' <> backend AS "end";  -- END; here is a comment
              /* END; */ SELECT t.end FROM ranges AS t WHERE t.case = 1 AND end_date < now();
              SELECT 1 AS end, 2 AS case;
            END""";

        assertThat(split(function + ";\nSELECT 2;")).containsExactly(function, "SELECT 2");
    }

    @Test
    void treatsBeginAtomicOnlyInARoutineDefinitionAsABody() {
        assertThat(split("BEGIN; SELECT 1; END;")).containsExactly("BEGIN", "SELECT 1", "END");
        assertThat(split("BEGIN TRANSACTION; COMMIT;")).containsExactly("BEGIN TRANSACTION", "COMMIT");
        assertThat(split("COMMENT ON TABLE t IS 'BEGIN ATOMIC'; SELECT 'begin atomic'; /* BEGIN ATOMIC */ SELECT 3;"))
            .containsExactly("COMMENT ON TABLE t IS 'BEGIN ATOMIC'", "SELECT 'begin atomic'", "SELECT 3");
        assertThat(split("CREATE FUNCTION f() RETURNS int AS $$ BEGIN ATOMIC $$ LANGUAGE sql; SELECT 4;"))
            .containsExactly("CREATE FUNCTION f() RETURNS int AS $$ BEGIN ATOMIC $$ LANGUAGE sql", "SELECT 4");
    }

    @Test
    void keepsSemicolonsInsideParenthesesAsPsqlDoes() {
        String rule = "CREATE RULE two AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); INSERT INTO c VALUES (2))";

        assertThat(split(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
    }

    @Test
    void numbersEachStatementWithTheLineItsCodeStartsOn() {
        String sql = "-- a comment\n\nCREATE TABLE a (\n  id int\n);\n/* two\nlines */ INSERT INTO a\nVALUES (1); SELECT 'x\ny';\n"
            + "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\nSELECT 2";

        assertThat(SqlStatements.split(sql)).extracting(SqlStatement::line).containsExactly(3, 7, 8, 10, 14);
        assertThat(SqlStatements.split(sql, 10)).extracting(SqlStatement::line).containsExactly(12, 16, 17, 19, 23);
        assertThat(SqlStatements.split(sql)).extracting(SqlStatement::where).containsExactly(
            "line 3: CREATE TABLE a (", "line 7: INSERT INTO a", "line 8: SELECT 'x",
            "line 10: CREATE FUNCTION f() RETURNS int LANGUAGE sql", "line 14: SELECT 2");
    }

    @Test
    void shortensALongFirstLineInMessages() {
        String values = "INSERT INTO t VALUES " + "(1), ".repeat(30) + "(2)";

        assertThat(SqlStatements.split(values).get(0).firstLine())
            .hasSize(80).startsWith("INSERT INTO t VALUES (1), ").endsWith("...");
    }

    @Test
    void treatsCommentsAndSemicolonsAloneAsBlank() {
        assertThat(split("-- nothing\n ; /* at all */ ;")).isEmpty();
        assertThat(split("-- something\nSELECT 1")).containsExactly("SELECT 1");
        assertThat(split(";;SELECT 1;;")).containsExactly("SELECT 1");
    }
}
