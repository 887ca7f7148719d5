package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A migration read from a SQL file in dbmate's format. */
public final class SqlMigration implements Migration {

    /** One section of the file: its statements, and whether they run in a transaction. */
    record Section(List<SqlStatement> statements, boolean transactional) {
        Section {
            statements = List.copyOf(statements);
        }
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

    /** The up section's statements as the splitter found them, in the order they run; for showing a plan. */
    public List<SqlStatement> upStatements() {
        return up.statements();
    }

    /** The down section's statements as the splitter found them; empty when the file has no down section. */
    public List<SqlStatement> downStatements() {
        return down.map(Section::statements).orElse(List.of());
    }

    private static void run(Handle handle, Section section) throws SQLException {
        StatementRunner.run(handle.getConnection(), section.statements(), section.transactional());
    }

    @Override
    public String toString() {
        return fileName;
    }
}
