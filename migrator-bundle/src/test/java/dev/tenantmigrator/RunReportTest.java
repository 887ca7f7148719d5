package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.SchemaOutcome.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static SchemaOutcome migrated(String schema, String... migrations) {
        return new SchemaOutcome(schema, true, Result.MIGRATED, List.of(migrations), Optional.empty(), Optional.empty(), 3);
    }

    private static SchemaOutcome failed(String schema, String migration, String error) {
        return new SchemaOutcome(schema, true, Result.FAILED, List.of(), Optional.ofNullable(migration), Optional.of(error), 3);
    }

    @Test
    void summarisesAnUpInOneLineNamingEachFailure() {
        RunReport report = new RunReport(Operation.UP, List.of(
            migrated("public", "1_a.sql"),
            migrated("t_1", "2_b.sql", "3_c.sql"),
            SchemaOutcome.upToDate("t_2", true),
            new SchemaOutcome("t_3", true, Result.MIGRATED_ELSEWHERE, List.of(), Optional.empty(), Optional.empty(), 9),
            SchemaOutcome.doneElsewhere("t_4", true),
            failed("t_5", "4_index.sql", "ERROR: boom"),
            failed("t_9", null, "Connection reset"),
            SchemaOutcome.notAttempted("t_10", true)), Duration.ofSeconds(2));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.migrationCount()).isEqualTo(3);
        assertThat(report.count(Result.FAILED)).isEqualTo(2);
        // Found done under the lock or shown done by the summary before it was reached: both another process's work.
        assertThat(report.summary()).isEqualTo("8 schemas: 2 migrated (3 migrations), 1 already up to date, "
            + "2 migrated by another process, 1 not attempted, 2 failed: t_5 (4_index.sql: ERROR: boom), t_9 (Connection reset).");
    }

    @Test
    void countsTheMigrationsOfMigratedSchemasApartFromWhatFailedSchemasKept() {
        RunReport report = new RunReport(Operation.UP, List.of(
            migrated("t_1", "1_a.sql", "2_b.sql"),
            new SchemaOutcome("t_2", true, Result.FAILED, List.of("1_a.sql"), Optional.of("2_b.sql"), Optional.of("ERROR: x"), 3),
            new SchemaOutcome("t_3", true, Result.DISAPPEARED, List.of(), Optional.empty(), Optional.empty(), 3),
            new SchemaOutcome("t_4", true, Result.MIGRATED, List.of("2_b.sql"), Optional.empty(), Optional.empty(), 3,
                Optional.of("re-planned"))), Duration.ZERO);

        assertThat(report.migrationCount()).isEqualTo(4);
        assertThat(report.summary()).isEqualTo("4 schemas: 2 migrated (3 migrations), 0 already up to date, "
            + "1 dropped during the run, 1 re-planned under their lock, 1 failed: t_2 (2_b.sql: ERROR: x); "
            + "the failed schemas kept 1 migration applied before their failure.");
    }

    @Test
    void aStoppedRunSaysSoFirstNamesItsInterruptedSchemasAndDidNotSucceed() {
        RunReport report = new RunReport(Operation.UP, List.of(
            migrated("t_1", "1_a.sql"),
            new SchemaOutcome("t_2", true, Result.INTERRUPTED, List.of("1_a.sql"), Optional.of("2_b.sql"),
                Optional.of("cancelled when the shutdown grace period ended; its transaction was rolled back"), 3),
            SchemaOutcome.notAttempted("t_3", true)), Duration.ZERO, true);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.summary()).isEqualTo("3 schemas, stopped before the end: 1 migrated (1 migration), 0 already up "
            + "to date, 1 not attempted, 1 interrupted: t_2 (2_b.sql: cancelled when the shutdown grace period ended; its "
            + "transaction was rolled back); the interrupted schemas kept 1 migration applied before the stop.");
    }

    @Test
    void summarisesADownInItsOwnWords() {
        RunReport report = new RunReport(Operation.DOWN, List.of(migrated("t_1", "2_b.sql"),
            SchemaOutcome.upToDate("public", false)), Duration.ZERO);

        assertThat(report.succeeded()).isTrue();
        assertThat(report.summary()).isEqualTo("2 schemas: 1 rolled back (1 migration), 1 with nothing to roll back.");
    }

    @Test
    void namesTheFirstTenFailuresAndCountsTheRest() {
        List<SchemaOutcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            outcomes.add(failed("t_" + i, "1_a.sql", "ERROR: x"));
        }

        String summary = new RunReport(Operation.UP, outcomes, Duration.ZERO).summary();

        assertThat(summary).startsWith("13 schemas: 0 migrated (0 migrations), 0 already up to date, 13 failed: t_1 (1_a.sql: ERROR: x), ")
            .contains("t_10 (1_a.sql: ERROR: x) and 3 more.").doesNotContain("t_11");
    }
}
