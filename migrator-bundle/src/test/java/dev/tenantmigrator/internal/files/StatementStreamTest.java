package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementStreamTest {

    /** Statements whose quotes, comments and bodies span lines, so chunks end inside all of them. */
    private static final String STATEMENTS = """
        -- a comment; not a statement
        CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$
        BEGIN
          RETURN 'x;'; -- inside the body
        END;
        $body$;
        /* a block /* nested; */ comment
        */ INSERT INTO t VALUES ('two
        lines; one string'), (E'it\\'s;');
        CREATE FUNCTION g(n int) RETURNS int LANGUAGE sql
        BEGIN ATOMIC
          SELECT CASE WHEN n > 0 THEN 1 ELSE 0 END;
        END;
        ;;
        SELECT "semi;colon" FROM t;
        """;

    private static List<SqlStatement> streamed(String text, int firstLine) {
        StatementStream stream = new StatementStream(firstLine);
        List<SqlStatement> statements = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            stream.add(line);
            takeReady(stream, statements);
        }
        stream.end();
        takeReady(stream, statements);
        return statements;
    }

    private static void takeReady(StatementStream stream, List<SqlStatement> statements) {
        for (SqlStatement statement = stream.poll(); statement != null; statement = stream.poll()) {
            statements.add(statement);
        }
    }

    @Test
    void splitsTextArrivingLineByLineAsTheWholeTextSplitsWithTheSameLines() {
        String body = "x".repeat(90) + ";\n";
        String text = STATEMENTS.repeat(2_000) + "SELECT $$" + body.repeat(2_000) + "$$;\n" + STATEMENTS.repeat(500);

        List<SqlStatement> streamed = streamed(text, 7);

        assertThat(text.length()).isGreaterThan(1_000_000);
        assertThat(streamed).hasSize(2_500 * 4 + 1).isEqualTo(SqlStatements.split(text + "\n", 7));
    }

    @Test
    void givesTheLastStatementWithoutASemicolonAtTheEnd() {
        StatementStream stream = new StatementStream(1);
        stream.add("SELECT 1; SELECT");
        stream.add("2");
        stream.end();

        assertThat(stream.poll()).isEqualTo(new SqlStatement("SELECT 1", 1));
        assertThat(stream.poll()).isEqualTo(new SqlStatement("SELECT\n2", 1));
        assertThat(stream.poll()).isNull();
    }
}
