package dev.tenantmigrator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TestMigration;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.history.RecordedFailure;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a history check calls a mismatch: a version applied by newer code is none, a deleted file below the newest is
 * one; and the refusal of a schema with a recorded failure names when it happened, to the second.
 */
class HistoryCheckTest {

    private static final SchemaRef ACME =
        new TenantNames(Pattern.compile(MigratorSettings.DEFAULT_TENANT_NAME_PATTERN), "public").check("acme");

    @Test
    void aFailureRecordedOnAWholeMinuteIsShownWithItsSeconds() {
        RecordedFailure failure = new RecordedFailure(4, "4_index.sql", "ERROR: column \"pinned\" does not exist",
            LocalDateTime.of(2026, 12, 7, 17, 8, 0));

        assertThat(HistoryCheck.describe(SchemaHistory.of(ACME, Map.of(), List.of(failure)), failure))
            .startsWith("Schema acme has a recorded failure: 4_index.sql failed outside a transaction at 2026-12-07T17:08:00 UTC (");
    }

    @Test
    void aVersionNewerThanEveryFileWasAppliedByNewerCodeAndIsNoMismatch() {
        MigrationSet older = MigrationSet.of("old code", List.of(TestMigration.of(1), TestMigration.of(2)));
        SchemaHistory history = SchemaHistory.of(ACME, new TreeSet<>(List.of(1L, 2L, 3L)));

        assertThat(HistoryCheck.mismatches(older, history)).isEmpty();
        assertThat(Planner.describeApplied(older, history.applied()))
            .containsExactly("1_m1", "2_m2", "3 (applied by newer code: newer than every migration here)");
    }

    @Test
    void aVersionWhoseFileIsGoneBelowTheNewestIsAMismatch() {
        MigrationSet deleted = MigrationSet.of("code", List.of(TestMigration.of(1), TestMigration.of(3)));
        SchemaHistory history = SchemaHistory.of(ACME, new TreeSet<>(List.of(1L, 2L, 3L)));

        assertThat(HistoryCheck.mismatches(deleted, history)).extracting(HistoryCheck.Mismatch::version,
            HistoryCheck.Mismatch::kind).containsExactly(tuple(2L, HistoryCheck.Kind.MISSING));
    }

    @Test
    void anEmptySetKnowsNoCodeSoEveryAppliedVersionIsMissing() {
        SchemaHistory history = SchemaHistory.of(ACME, new TreeSet<>(List.of(1L)));

        assertThat(HistoryCheck.mismatches(MigrationSet.of("nothing", List.of()), history)).hasSize(1);
    }
}
