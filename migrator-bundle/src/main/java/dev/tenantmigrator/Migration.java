package dev.tenantmigrator;

import org.jdbi.v3.core.Handle;

/**
 * One versioned change to a schema: a SQL file found in a migration location, or a Java class
 * registered explicitly with {@link MigratorSettings.Builder#mainJavaMigrations} or
 * {@link MigratorSettings.Builder#tenantJavaMigrations}.
 *
 * <p>When a migration runs, the handle's {@code search_path} is the schema being migrated (for a
 * tenant: the tenant schema, then the main schema), so unqualified names land in that schema.
 */
public interface Migration {

    /** The version: a positive number, normally a 14-digit UTC timestamp such as 20220101120000. */
    long version();

    /** The name: letters, digits and underscores, e.g. {@code create_notes_table}. */
    String name();

    /** Applies the change. */
    void up(Handle handle) throws Exception;

    /** Reverts the change; only called when {@link #hasDown()} is true. */
    void down(Handle handle) throws Exception;

    /** Whether {@link #down} can revert this migration; rolling back through one that cannot fails before anything runs. */
    default boolean hasDown() {
        return true;
    }

    /**
     * Whether the migration and its history row commit in one transaction. A migration that must
     * run outside one (e.g. {@code CREATE INDEX CONCURRENTLY}) returns false.
     */
    default boolean transactional() {
        return true;
    }

    /** Whether {@link #down} and the removal of its history row commit in one transaction. */
    default boolean downTransactional() {
        return transactional();
    }

    /** How the migration is named in messages: the file name for SQL files, {@code version_name} otherwise. */
    default String description() {
        return version() + "_" + name();
    }

    /** A fingerprint of the migration's content stored in the history, or null when there is none. */
    default String checksum() {
        return null;
    }
}
