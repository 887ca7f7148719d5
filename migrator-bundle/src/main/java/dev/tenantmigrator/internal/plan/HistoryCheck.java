package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.RecordedFailure;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a schema's history with the migration files: an applied migration whose file was edited
 * or deleted since, a failure recorded outside a transaction, and applied rows that still lack a
 * checksum (made by Ecto or an older version, accepted and filled in). Pure.
 */
public final class HistoryCheck {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** What {@code db-repair} records for an applied version whose file is gone, so it is accepted from then on. */
    public static final String ACCEPTED_WITHOUT_FILE = "accepted-without-file";

    private HistoryCheck() {
    }

    /** What is wrong with one applied version of one schema. */
    public enum Kind {
        /** The file changed after the migration was applied. */
        EDITED,
        /** The migration is in the history but no file or Java migration has its version. */
        MISSING
    }

    /**
     * One applied migration that no longer matches the files.
     *
     * @param schema where it was applied
     * @param version its version
     * @param migration its file name, or its version when the file is gone
     * @param kind edited or missing
     */
    public record Mismatch(SchemaRef schema, long version, String migration, Kind kind) {
    }

    /**
     * The applied migrations of the schema whose files were edited or deleted since. A version newer than every file
     * is no mismatch: newer code applied it (Flyway calls it a future migration), and this code, older, serves the
     * schema as its migrations left it, as during every rollout that migrates first.
     */
    public static List<Mismatch> mismatches(MigrationSet set, SchemaHistory history) {
        List<Mismatch> mismatches = new ArrayList<>();
        history.checksums().forEach((version, recorded) -> {
            Optional<Migration> migration = set.find(version);
            if (migration.isEmpty()) {
                if (!recorded.equals(Optional.of(ACCEPTED_WITHOUT_FILE)) && !set.isAhead(version)) {
                    mismatches.add(new Mismatch(history.schema(), version, String.valueOf(version), Kind.MISSING));
                }
            } else if (recorded.isPresent() && migration.get().checksum() != null
                && !recorded.get().equals(migration.get().checksum())) {
                mismatches.add(new Mismatch(history.schema(), version, migration.get().description(), Kind.EDITED));
            }
        });
        return mismatches;
    }

    /** The applied migrations of the schema whose rows have no checksum yet but whose files give one. */
    public static List<Migration> unrecordedChecksums(MigrationSet set, SchemaHistory history) {
        List<Migration> unrecorded = new ArrayList<>();
        history.checksums().forEach((version, recorded) -> {
            if (recorded.isEmpty()) {
                set.find(version).filter(migration -> migration.checksum() != null).ifPresent(unrecorded::add);
            }
        });
        return unrecorded;
    }

    /**
     * One sentence for every mismatch of a run, grouped by migration, naming a few schemas of each:
     * {@code Applied migrations no longer match their files: 2024..._x.sql was edited after it was
     * applied (in 2 schemas: t_1, t_2); version 2024... was applied but its file is gone (in 1 schema:
     * t_1). Restore the files, or run db-repair to accept them as they are now.}
     */
    public static String describe(List<Mismatch> mismatches) {
        Map<String, List<Mismatch>> byMigration = mismatches.stream().collect(Collectors.groupingBy(
            mismatch -> mismatch.kind() == Kind.EDITED
                ? mismatch.migration() + " was edited after it was applied"
                : "version " + mismatch.version() + " was applied but its file is gone",
            LinkedHashMap::new, Collectors.toList()));
        String listed = byMigration.entrySet().stream()
            .map(entry -> entry.getKey() + " (in " + schemas(entry.getValue()) + ")")
            .collect(Collectors.joining("; "));
        return "Applied migrations no longer match their files: " + listed
            + ". Restore the files, or run db-repair to accept them as they are now.";
    }

    /**
     * The refusal of a schema with a recorded failure (or a start row nothing replaced): what failed, what
     * it left (the schema's INVALID indexes, with the statement that drops each), and what to run after.
     */
    public static String describe(SchemaHistory history, RecordedFailure failure) {
        SchemaRef schema = history.schema();
        // Always with seconds: LocalDateTime's own text drops them when they are zero.
        String at = WHEN.format(failure.failedAt());
        String what = failure.interrupted()
            ? failure.migration() + " started outside a transaction at " + at + " UTC and did not finish "
                + "(the process or the database server stopped while it ran)"
            : failure.migration() + " failed outside a transaction at " + at + " UTC (" + failure.error() + ")";
        String left = history.invalidIndexes().isEmpty()
            ? " Check what it left behind (for example an INVALID index from CREATE INDEX CONCURRENTLY: SELECT "
                + "indexrelid::regclass FROM pg_index WHERE NOT indisvalid), fix the schema by hand, then run "
            : " It left " + InvalidIndexes.describe(schema, history.invalidIndexes()) + "; then run ";
        return "Schema " + schema + " has a recorded failure: " + what + ", so part of it may be applied." + left
            + "db-repair" + (schema.isTenant() ? " --tenant " + schema : "") + ".";
    }

    private static String schemas(List<Mismatch> mismatches) {
        List<String> names = mismatches.stream().map(mismatch -> mismatch.schema().name()).distinct().toList();
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
        return names.size() + (names.size() == 1 ? " schema: " : " schemas: ") + shown
            + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
    }
}
