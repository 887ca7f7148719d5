package dev.tenantmigrator.support;

import dev.tenantmigrator.Migration;
import org.jdbi.v3.core.Handle;

/** A Java migration for tests that runs one statement each way through the handle it is given. */
public record StatementMigration(long version, String name, String upSql, String downSql) implements Migration {

    @Override
    public void up(Handle handle) {
        handle.execute(upSql);
    }

    @Override
    public void down(Handle handle) {
        handle.execute(downSql);
    }
}
