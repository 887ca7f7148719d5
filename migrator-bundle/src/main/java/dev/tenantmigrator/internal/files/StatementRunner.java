package dev.tenantmigrator.internal.files;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Sends a section's statements to PostgreSQL and, when one fails, says which:
 * {@code statement 2 of 3 (line 4: INSERT INTO audit VALUES (1, 'x')) failed: ERROR: relation
 * "audit" does not exist (position 13)}. A section of one statement gets PostgreSQL's message
 * alone, with the position when there is one.
 */
final class StatementRunner {

    private StatementRunner() {
    }

    /**
     * Runs the statements in order. In a transaction they go as one JDBC batch, one round trip;
     * outside one each is sent alone, as PostgreSQL runs a batch (a pipeline) in an implicit
     * transaction, which CREATE INDEX CONCURRENTLY refuses.
     *
     * @throws SQLException whose message names the failing statement; PostgreSQL's own exception is suppressed in it
     */
    static void run(Connection connection, List<SqlStatement> statements, boolean transactional) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            jdbc.setEscapeProcessing(false);
            if (transactional && statements.size() > 1) {
                runAsBatch(jdbc, statements);
            } else {
                runOneByOne(jdbc, statements);
            }
        }
    }

    private static void runAsBatch(Statement jdbc, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement statement : statements) {
            jdbc.addBatch(statement.sql());
        }
        try {
            jdbc.executeBatch();
        } catch (BatchUpdateException e) {
            throw batchFailure(statements, e);
        }
    }

    private static void runOneByOne(Statement jdbc, List<SqlStatement> statements) throws SQLException {
        for (int i = 0; i < statements.size(); i++) {
            try {
                jdbc.execute(statements.get(i).sql());
            } catch (SQLException e) {
                throw failure(statements, i, e, e);
            }
        }
    }

    /** The exception for a failed batch, naming the entry pgjdbc reports and quoting PostgreSQL's error. */
    static SQLException batchFailure(List<SqlStatement> statements, BatchUpdateException e) {
        // pgjdbc chains PostgreSQL's error both as the next exception and as the cause.
        SQLException serverError = e.getNextException();
        if (serverError == null) {
            serverError = e.getCause() instanceof SQLException cause ? cause : e;
        }
        return failure(statements, FailedBatchEntry.index(e.getMessage(), statements), serverError, e);
    }

    /**
     * The exception to throw: not chained as a cause, because messages quote the innermost cause
     * and this one must be it; PostgreSQL's exception is kept as suppressed for the stack trace.
     */
    private static SQLException failure(List<SqlStatement> statements, int index, SQLException serverError, SQLException thrown) {
        String message = firstLine(serverError.getMessage()) + position(serverError);
        if (statements.size() > 1) {
            message = (index < 0 ? "one of " + statements.size() + " statements failed: "
                : "statement " + (index + 1) + " of " + statements.size() + " (" + statements.get(index).where() + ") failed: ")
                + message;
        }
        if (message.equals(firstLine(thrown.getMessage()))) {
            return thrown;
        }
        SQLException failure = new SQLException(message, serverError.getSQLState(), serverError.getErrorCode());
        failure.addSuppressed(thrown);
        return failure;
    }

    /** Where in the statement PostgreSQL found the error, 1-based in characters, when it says. */
    private static String position(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server != null && server.getPosition() > 0 ? " (position " + server.getPosition() + ")" : "";
    }

    /** pgjdbc puts Detail, Hint and Position on lines of their own after the message. */
    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }
}
