package dev.tenantmigrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The state of one schema.
 *
 * @param schema the schema's name
 * @param tenant whether it is a tenant schema (false for the main schema)
 * @param exists whether the schema exists
 * @param entries the applied migrations (oldest first), then the problems, then the pending migrations (in
 *     the order up would apply them); see {@link StatusEntry.State}
 */
public record SchemaStatus(String schema, boolean tenant, boolean exists, List<StatusEntry> entries) {

    public SchemaStatus {
        entries = List.copyOf(entries);
    }

    /** A schema without problems, its migrations named only: for tests and examples. */
    public static SchemaStatus of(String schema, boolean tenant, boolean exists, List<String> applied, List<String> pending) {
        List<StatusEntry> entries = new ArrayList<>();
        applied.forEach(name -> entries.add(new StatusEntry(StatusEntry.State.APPLIED, Optional.empty(), name, Optional.empty(), name)));
        pending.forEach(name -> entries.add(new StatusEntry(StatusEntry.State.PENDING, Optional.empty(), name, Optional.empty(), name)));
        return new SchemaStatus(schema, tenant, exists, entries);
    }

    /**
     * The applied migrations in words, oldest first; a version in the history but not in the migration set
     * reads {@code <version> (not in the migration set)}.
     */
    public List<String> applied() {
        return lines(state -> state == StatusEntry.State.APPLIED);
    }

    /** The pending migrations in words, in the order up would apply them. */
    public List<String> pending() {
        return lines(state -> state == StatusEntry.State.PENDING);
    }

    /**
     * What keeps the schema from being up to date besides pending migrations, one line each:
     * {@code FAILED: <file>}, {@code INTERRUPTED: <file>}, {@code INVALID INDEX: <index> (drop it with ...)},
     * {@code CHANGED SINCE APPLIED: <file>}, {@code FILE MISSING: version <version>}.
     */
    public List<String> problems() {
        return lines(StatusEntry.State::isProblem);
    }

    /** Whether the schema has a problem in one of {@code states}. */
    public boolean has(StatusEntry.State... states) {
        List<StatusEntry.State> wanted = List.of(states);
        return entries.stream().anyMatch(entry -> wanted.contains(entry.state()));
    }

    /** True when the schema exists, nothing is pending and nothing is wrong with its history. */
    public boolean upToDate() {
        return exists && entries.stream().allMatch(entry -> entry.state() == StatusEntry.State.APPLIED);
    }

    private List<String> lines(Predicate<StatusEntry.State> which) {
        return entries.stream().filter(entry -> which.test(entry.state())).map(StatusEntry::line).toList();
    }
}
