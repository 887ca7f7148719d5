package dev.tenantmigrator.internal.execute;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The small statements a worker sends around every migration (locks, session settings), straight
 * on the handle's connection: each runs thousands of times in a fleet run, and Jdbi's statement
 * machinery costs several times the statement itself there.
 */
final class Session {

    private Session() {
    }

    /** Runs a query whose first column of its one row is a boolean, with these parameters. */
    static boolean queryBoolean(Handle handle, String sql, Object... parameters) {
        return queryAnswer(handle, sql, parameters).yes();
    }

    /**
     * A boolean answer and the server process that gave it: the first and the last column of a query's one row, the
     * last being {@code pg_backend_pid()}.
     */
    record Answer(boolean yes, int pid) {
    }

    /** Runs a query whose one row has the boolean of {@link Answer} first and the server process's pid last. */
    static Answer queryAnswer(Handle handle, String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(handle, sql, parameters); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new Answer(rows.getBoolean(1), rows.getInt(rows.getMetaData().getColumnCount()));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs a query for its effect (e.g. {@code SELECT set_config(...)}), with these parameters. */
    static void query(Handle handle, String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(handle, sql, parameters)) {
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs a statement without parameters or results (e.g. {@code LISTEN}). */
    static void execute(Handle handle, String sql) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static PreparedStatement prepare(Handle handle, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = handle.getConnection().prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
