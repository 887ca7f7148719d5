package dev.tenantmigrator.internal;

import dev.tenantmigrator.Migration;
import org.jdbi.v3.core.Handle;

/** A Java migration for pure tests: nothing runs. */
public record TestMigration(long version, String name, boolean hasDown) implements Migration {

    public static TestMigration of(long version) {
        return new TestMigration(version, "m" + version, true);
    }

    public static TestMigration withoutDown(long version) {
        return new TestMigration(version, "m" + version, false);
    }

    @Override
    public void up(Handle handle) {
        throw new UnsupportedOperationException("pure tests run nothing");
    }

    @Override
    public void down(Handle handle) {
        throw new UnsupportedOperationException("pure tests run nothing");
    }
}
