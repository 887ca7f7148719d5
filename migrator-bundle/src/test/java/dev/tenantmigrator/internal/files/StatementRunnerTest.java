package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * How a failed batch is reported, from exceptions shaped as pgjdbc 42.7 throws them (StatementErrorsTest
 * proves the shape against a real PostgreSQL): the entry's number is only in the message.
 */
class StatementRunnerTest {

    private static final List<SqlStatement> STATEMENTS = SqlStatements.split(
        "CREATE TABLE a (id int);\n\nINSERT INTO audit VALUES (1, 'x');\nSELECT 1;", 2);

    private static BatchUpdateException batchException(String message) {
        PSQLException server = new PSQLException(
            new ServerErrorMessage("SERROR\0VERROR\0C42P01\0Mrelation \"audit\" does not exist\0P13\0"));
        int[] allFailed = {Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED};
        BatchUpdateException batch = new BatchUpdateException(message, "42P01", 0, allFailed, server);
        batch.setNextException(server);
        return batch;
    }

    @Test
    void namesTheEntryPgjdbcReportsWithItsLineAndThePosition() {
        SQLException failure = StatementRunner.batchFailure(STATEMENTS, batchException(
            "Batch entry 1 INSERT INTO audit VALUES (1, 'x') was aborted: ERROR: relation \"audit\" does not exist\n"
                + "  Position: 13  Call getNextException to see other errors in the batch."));

        assertThat(failure.getMessage()).isEqualTo("statement 2 of 3 (line 4: INSERT INTO audit VALUES (1, 'x')) failed: "
            + "ERROR: relation \"audit\" does not exist (position 13)");
        assertThat(failure.getCause()).isNull();
        assertThat(failure.getSQLState()).isEqualTo("42P01");
        assertThat(failure.getSuppressed()).hasSize(1);
    }

    @Test
    void readsTheEntryFromATranslatedMessageToo() {
        SQLException failure = StatementRunner.batchFailure(STATEMENTS, batchException(
            "Пакетный запрос 2 SELECT 1 прерван: ERROR: relation \"audit\" does not exist"));

        assertThat(failure.getMessage()).startsWith("statement 3 of 3 (line 5: SELECT 1) failed: ");
    }

    /** pgjdbc formats the entry's index in the JVM's default locale; statement 1234 is entry 1233. */
    @Test
    void readsTheEntryInTheDigitsAndGroupingOfAnyLocale() {
        List<SqlStatement> many = SqlStatements.split(IntStream.rangeClosed(1, 1500)
            .mapToObj(i -> "SELECT " + i + ";").collect(Collectors.joining("\n")));
        for (String index : List.of("1,233", "1.233", "1\u00a0233", "1\u202f233", "1\u2019233", "1'233", "1233",
            "\u0661\u066c\u0662\u0663\u0663", "\u0967,\u0968\u0969\u0969")) {
            SQLException failure = StatementRunner.batchFailure(many, batchException(
                "Batch entry " + index + " SELECT 1234 was aborted: ERROR: relation \"audit\" does not exist"));

            assertThat(failure.getMessage()).as(index).startsWith("statement 1234 of 1500 (line 1234: SELECT 1234) failed: ");
        }
    }

    /** With logServerErrorDetail=false pgjdbc quotes no statement, and the index alone names it. */
    @Test
    void trustsTheIndexWhenPgjdbcQuotesNoStatement() {
        SQLException failure = StatementRunner.batchFailure(STATEMENTS, batchException(
            "Batch entry 1 <unknown> was aborted: ERROR: relation \"audit\" does not exist"));

        assertThat(failure.getMessage()).startsWith("statement 2 of 3 (line 4: INSERT INTO audit VALUES (1, 'x')) failed: ");
    }

    @Test
    void saysOneOfThemFailedWhenTheMessageNamesNoEntryOrQuotesAnotherStatement() {
        for (String message : new String[] {"The batch failed.", "Batch entry 3 SELECT 1 was aborted", "Batch entry 99999999999",
            "Batch entry 1 SELECT 1 was aborted", "Batch entry 1 CREATE TABLE a (id int) was aborted"}) {
            assertThat(StatementRunner.batchFailure(STATEMENTS, batchException(message)).getMessage())
                .isEqualTo("one of 3 statements failed: ERROR: relation \"audit\" does not exist (position 13)");
        }
    }
}
