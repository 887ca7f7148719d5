package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How an INVALID index is reported: what it is and the statement that removes it. A {@code CREATE
 * INDEX CONCURRENTLY} that fails or is interrupted leaves one behind; queries do not use it, and a
 * rerun with {@code IF NOT EXISTS} takes it as present, so it must be dropped before the migration
 * runs again.
 */
public final class InvalidIndexes {

    private InvalidIndexes() {
    }

    /**
     * e.g. {@code an INVALID index, "t_1"."notes_body" (a CREATE INDEX CONCURRENTLY that failed or was
     * interrupted; queries do not use it): drop it with DROP INDEX CONCURRENTLY "t_1"."notes_body"}.
     */
    public static String describe(SchemaRef schema, List<String> indexes) {
        String named = indexes.stream().map(index -> qualified(schema, index)).collect(Collectors.joining(", "));
        String drops = indexes.stream().map(index -> dropStatement(schema, index)).collect(Collectors.joining("; "));
        return (indexes.size() == 1 ? "an INVALID index, " : indexes.size() + " INVALID indexes, ") + named
            + " (a CREATE INDEX CONCURRENTLY that failed or was interrupted; queries do not use "
            + (indexes.size() == 1 ? "it" : "them") + "): drop " + (indexes.size() == 1 ? "it" : "them") + " with " + drops;
    }

    /** The statement that removes the INVALID index {@code index} of {@code schema} without blocking writes. */
    public static String dropStatement(SchemaRef schema, String index) {
        return "DROP INDEX CONCURRENTLY " + qualified(schema, index);
    }

    private static String qualified(SchemaRef schema, String index) {
        return schema.quoted() + "." + SchemaRef.quote(index);
    }
}
