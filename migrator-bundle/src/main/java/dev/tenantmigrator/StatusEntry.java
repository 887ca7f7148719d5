package dev.tenantmigrator;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One entry of a schema's status: an applied or pending migration, or a problem with the schema's history.
 *
 * @param state what the entry is
 * @param version the migration's version; empty for an INVALID index
 * @param name the migration as messages name it (its file name, or {@code version_name} for Java code), or
 *     the index for {@link State#INVALID_INDEX}
 * @param at when it was recorded, for a failure or a start row (UTC, as the history keeps it); empty otherwise
 *     (the fleet's read does not fetch when each migration was applied)
 * @param line the entry in words, as {@code db-status} and {@code db-ensure-up} print it, e.g.
 *     {@code FAILED: 20240101000004_index_projects.sql}
 */
public record StatusEntry(State state, Optional<Long> version, String name, Optional<LocalDateTime> at, String line) {

    /** What a status entry is. */
    public enum State {
        /** Applied, and in the migration set (or not: its name then says so). */
        APPLIED,
        /** Not applied yet; up would apply it. */
        PENDING,
        /** A migration outside a transaction failed part-way; recorded, and up refuses the schema until repaired. */
        FAILED,
        /** A migration outside a transaction started and never finished (its process or server stopped). */
        INTERRUPTED,
        /** An INVALID index, left by an interrupted or failed {@code CREATE INDEX CONCURRENTLY}. */
        INVALID_INDEX,
        /** Applied, but its file changed since (its checksum differs). */
        CHANGED_SINCE_APPLIED,
        /** Applied, and its file is gone from the migration set. */
        FILE_MISSING;

        /** Whether this keeps a schema from being up to date besides pending migrations. */
        public boolean isProblem() {
            return this != APPLIED && this != PENDING;
        }
    }

    /** An applied migration, as the history and the set name it. */
    public static StatusEntry applied(long version, String name) {
        return new StatusEntry(State.APPLIED, Optional.of(version), name, Optional.empty(), name);
    }

    /** A migration up would apply. */
    public static StatusEntry pending(long version, String name) {
        return new StatusEntry(State.PENDING, Optional.of(version), name, Optional.empty(), name);
    }
}
