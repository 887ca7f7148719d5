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
    MARK_APPLIED,
    /** Checking in a scratch schema that each migration's down undoes its up ({@code db-verify}). */
    VERIFY
}
