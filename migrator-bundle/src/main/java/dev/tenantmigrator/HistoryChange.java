package dev.tenantmigrator;

/**
 * One change {@link Migrator#repair} or {@link Migrator#markApplied} made to a schema's history.
 *
 * @param schema the schema whose history changed
 * @param kind what changed
 * @param version the migration's version
 * @param migration the migration as messages name it (its file name), or its version when its file is gone
 * @param line the change in words, as {@code db-repair} and {@code db-mark-applied} print it, e.g.
 *     {@code t_1: re-recorded the checksum of 20240101000002_add_price.sql from its file as it is now}
 */
public record HistoryChange(String schema, Kind kind, long version, String migration, String line) {

    /** What changed in a history. */
    public enum Kind {
        /** The checksum of an applied migration whose file was edited, recorded again from the file as it is now. */
        CHECKSUM_RERECORDED,
        /** An applied version whose file is gone, accepted as applied. */
        ACCEPTED_WITHOUT_FILE,
        /** The checksum of an applied migration recorded before checksums were kept. */
        CHECKSUM_RECORDED,
        /** A recorded failure (or the start row of an interrupted migration) cleared. */
        FAILURE_CLEARED,
        /** A migration recorded as applied without running it. */
        MARKED_APPLIED
    }
}
