package dev.tenantmigrator.internal.history;

/** What the summary of a schema's history lacks, as the catalog told it; mended by up under the schema's lock. Each includes the ones before it. */
public enum SummaryNeed {
    /** Nothing: its row can be trusted, or the summary is not this schema's to set up. */
    NONE,
    /** The trigger is right but the row is missing or was written by another trigger: recompute it. */
    REFRESH,
    /** The history table lacks the trigger, or has one that is not right: put it there, then recompute the row. */
    ATTACH,
    /** The main schema has no summary table or trigger function yet: create them, then attach and recompute. */
    INSTALL;

    /** The more of the two. */
    public SummaryNeed and(SummaryNeed other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
