package dev.tenantmigrator.internal.files;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
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

    // pgjdbc holds a batch's statements until it ends: a whole large file in one batch would be held whole.
    private static final int BATCH_STATEMENTS = 1_000;
    private static final int BATCH_CHARS = 1_000_000;

    /**
     * Statements sent together: the section's statements {@code first + 1} to {@code first + size}
     * of {@code total}.
     */
    private record Batch(List<SqlStatement> statements, int first, int total) {

        /** A batch of every statement of a section. */
        static Batch whole(List<SqlStatement> statements) {
            return new Batch(statements, 0, statements.size());
        }
    }

    private StatementRunner() {
    }

    /**
     * Runs the statements in order, taking each as it is read. In a transaction they go as JDBC
     * batches of up to 1,000 statements or a million characters, so a large file is never held whole;
     * outside one each is sent alone, as PostgreSQL runs a batch (a pipeline) in an implicit
     * transaction, which CREATE INDEX CONCURRENTLY refuses.
     *
     * @param total how many statements there are, for messages
     * @throws SQLException whose message names the failing statement; PostgreSQL's own exception is suppressed in it
     */
    static void run(Connection connection, Iterator<SqlStatement> statements, int total, boolean transactional)
        throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            jdbc.setEscapeProcessing(false);
            int first = 0;
            while (statements.hasNext()) {
                Batch batch = transactional && total > 1 ? nextBatch(statements, first, total)
                    : new Batch(List.of(statements.next()), first, total);
                if (batch.statements().size() > 1) {
                    runAsBatch(jdbc, batch);
                } else {
                    runAlone(jdbc, batch);
                }
                first += batch.statements().size();
            }
        }
    }

    /** The next statements, up to a batch's bounds. */
    private static Batch nextBatch(Iterator<SqlStatement> statements, int first, int total) {
        List<SqlStatement> batch = new ArrayList<>();
        int chars = 0;
        while (statements.hasNext() && batch.size() < BATCH_STATEMENTS && chars < BATCH_CHARS) {
            SqlStatement statement = statements.next();
            batch.add(statement);
            chars += statement.sql().length();
        }
        return new Batch(batch, first, total);
    }

    private static void runAsBatch(Statement jdbc, Batch batch) throws SQLException {
        for (SqlStatement statement : batch.statements()) {
            jdbc.addBatch(statement.sql());
        }
        try {
            jdbc.executeBatch();
        } catch (BatchUpdateException e) {
            throw batchFailure(batch, e);
        }
    }

    private static void runAlone(Statement jdbc, Batch batch) throws SQLException {
        try {
            jdbc.execute(batch.statements().get(0).sql());
        } catch (SQLException e) {
            throw failure(batch, 0, e, e);
        }
    }

    /** The exception for a failed batch of a whole section; see {@link #batchFailure(Batch, BatchUpdateException)}. */
    static SQLException batchFailure(List<SqlStatement> statements, BatchUpdateException e) {
        return batchFailure(Batch.whole(statements), e);
    }

    /** The exception for a failed batch, naming the entry pgjdbc reports and quoting PostgreSQL's error. */
    private static SQLException batchFailure(Batch batch, BatchUpdateException e) {
        // pgjdbc chains PostgreSQL's error both as the next exception and as the cause.
        SQLException serverError = e.getNextException();
        if (serverError == null) {
            serverError = e.getCause() instanceof SQLException cause ? cause : e;
        }
        return failure(batch, FailedBatchEntry.index(e.getMessage(), batch.statements()), serverError, e);
    }

    /**
     * The exception to throw: not chained as a cause, because messages quote the innermost cause
     * and this one must be it; PostgreSQL's exception is kept as suppressed for the stack trace.
     */
    private static SQLException failure(Batch batch, int index, SQLException serverError, SQLException thrown) {
        String message = firstLine(serverError.getMessage()) + position(serverError);
        if (batch.total() > 1) {
            message = (index < 0 ? "one of " + statementsOf(batch) + " failed: "
                : "statement " + (batch.first() + index + 1) + " of " + batch.total()
                    + " (" + batch.statements().get(index).where() + ") failed: ")
                + message;
        }
        if (message.equals(firstLine(thrown.getMessage()))) {
            return thrown;
        }
        SQLException failure = new SQLException(message, serverError.getSQLState(), serverError.getErrorCode());
        failure.addSuppressed(thrown);
        return failure;
    }

    /** The statements of the batch, for "one of ... failed": {@code 3 statements}, or {@code statements 1001 to 2000 of 4000}. */
    private static String statementsOf(Batch batch) {
        int size = batch.statements().size();
        return size == batch.total() ? size + " statements"
            : "statements " + (batch.first() + 1) + " to " + (batch.first() + size) + " of " + batch.total();
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
