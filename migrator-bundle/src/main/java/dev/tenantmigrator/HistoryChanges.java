package dev.tenantmigrator;

import java.util.List;

/**
 * What {@link Migrator#repair} or {@link Migrator#markApplied} changed in the histories.
 *
 * @param operation repair or mark-applied
 * @param schemas how many schemas were checked
 * @param entries each change, typed, in the order made
 */
public record HistoryChanges(Operation operation, int schemas, List<HistoryChange> entries) {

    public HistoryChanges {
        entries = List.copyOf(entries);
    }

    /** One line per change, e.g. {@code t_1: re-recorded the checksum of 20240101000002_add_price.sql ...}. */
    public List<String> changes() {
        return entries.stream().map(HistoryChange::line).toList();
    }

    /** e.g. {@code 3 changes in 1001 schemas.} or {@code Nothing to change in 1001 schemas.} */
    public String summary() {
        String checked = schemas + (schemas == 1 ? " schema." : " schemas.");
        return entries.isEmpty() ? "Nothing to change in " + checked
            : entries.size() + (entries.size() == 1 ? " change in " : " changes in ") + checked;
    }
}
