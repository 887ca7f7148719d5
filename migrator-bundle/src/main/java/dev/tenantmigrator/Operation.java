package dev.tenantmigrator;

/** What the migrator was doing when something failed. */
public enum Operation {
    /** Applying migrations. */
    UP,
    /** Rolling migrations back. */
    DOWN,
    /** Re-recording checksums and clearing recorded failures ({@code db-repair}). */
    REPAIR,
    /** Recording a migration as applied without running it ({@code db-mark-applied}). */
    MARK_APPLIED
}
