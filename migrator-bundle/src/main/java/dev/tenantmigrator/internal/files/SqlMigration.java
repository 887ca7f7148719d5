package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A migration read from a SQL file in dbmate's format. */
public final class SqlMigration implements Migration {

    /** One section of the file: its SQL as written, and whether it runs in a transaction. */
    record Section(String sql, boolean transactional) {
    }

    private final long version;
    private final String name;
    private final String fileName;
    private final Section up;
    private final Optional<Section> down;
    private final String checksum;

    SqlMigration(long version, String name, String fileName, Section up, Optional<Section> down, String checksum) {
        this.version = version;
        this.name = name;
        this.fileName = fileName;
        this.up = up;
        this.down = down;
        this.checksum = checksum;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void up(Handle handle) throws SQLException {
        run(handle, up);
    }

    @Override
    public void down(Handle handle) throws SQLException {
        run(handle, down.orElseThrow(() -> new MigratorException(fileName + " has no '-- migrate:down' section.")));
    }

    @Override
    public boolean hasDown() {
        return down.isPresent();
    }

    @Override
    public boolean transactional() {
        return up.transactional();
    }

    @Override
    public boolean downTransactional() {
        return down.map(Section::transactional).orElse(true);
    }

    @Override
    public String description() {
        return fileName;
    }

    @Override
    public String checksum() {
        return checksum;
    }

    /** Sent as written inside a transaction; split into single statements outside one, where each must commit on its own. */
    private static void run(Handle handle, Section section) throws SQLException {
        List<String> statements = section.transactional() ? List.of(section.sql()) : SqlStatements.split(section.sql());
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.setEscapeProcessing(false);
            for (int i = 0; i < statements.size(); i++) {
                try {
                    statement.execute(statements.get(i));
                } catch (SQLException e) {
                    if (section.transactional() || statements.size() == 1) {
                        throw e;
                    }
                    // Not chained as the cause: messages quote the innermost cause, and this line must survive.
                    SQLException numbered = new SQLException("statement " + (i + 1) + " of " + statements.size()
                        + " failed: " + e.getMessage(), e.getSQLState());
                    numbered.addSuppressed(e);
                    throw numbered;
                }
            }
        }
    }

    @Override
    public String toString() {
        return fileName;
    }
}
