package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A migration read from a SQL file in dbmate's format. It holds what the load checked, not the SQL:
 * a section's statements are read from the file again when it runs or is shown.
 */
public final class SqlMigration implements Migration {

    private final long version;
    private final String name;
    private final String fileName;
    private final SqlSection up;
    private final Optional<SqlSection> down;

    SqlMigration(long version, String name, String fileName, SqlSection up, Optional<SqlSection> down) {
        this.version = version;
        this.name = name;
        this.fileName = fileName;
        this.up = up;
        this.down = down;
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
        up.run(handle.getConnection());
    }

    @Override
    public void down(Handle handle) throws SQLException {
        down.orElseThrow(() -> new MigratorException(fileName + " has no '-- migrate:down' section."))
            .run(handle.getConnection());
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
        return down.map(SqlSection::transactional).orElse(true);
    }

    @Override
    public String description() {
        return fileName;
    }

    @Override
    public String checksum() {
        return up.checksum();
    }

    /**
     * The up section's statements as the splitter finds them, in the order they run, read from the
     * file; for showing a plan.
     */
    public List<SqlStatement> upStatements() {
        return up.statements();
    }

    /** The down section's statements as the splitter finds them; empty when the file has no down section. */
    public List<SqlStatement> downStatements() {
        return down.map(SqlSection::statements).orElse(List.of());
    }

    @Override
    public String toString() {
        return fileName;
    }
}
