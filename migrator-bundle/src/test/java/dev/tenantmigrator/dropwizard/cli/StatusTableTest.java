package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.SchemaStatus;
import dev.tenantmigrator.StatusEntry;
import dev.tenantmigrator.StatusEntry.State;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The STATE column is read from the typed entries: a schema db-up refuses has failed; an edited file is a change. */
class StatusTableTest {

    private static SchemaStatus withProblem(String schema, State state, String line) {
        return new SchemaStatus(schema, true, true, List.of(StatusEntry.applied(1L, "1_a.sql"),
            new StatusEntry(state, Optional.of(2L), "2_b.sql", Optional.empty(), line)));
    }

    @Test
    void aSchemaUpRefusesIsFailedAndAnEditedOrMissingFileIsChanged() {
        MigrationStatus status = new MigrationStatus(List.of(
            withProblem("t_failed", State.FAILED, "FAILED: 2_b.sql"),
            withProblem("t_interrupted", State.INTERRUPTED, "INTERRUPTED: 2_b.sql"),
            withProblem("t_invalid", State.INVALID_INDEX, "INVALID INDEX: notes_body (drop it with ...)"),
            withProblem("t_edited", State.CHANGED_SINCE_APPLIED, "CHANGED SINCE APPLIED: 2_b.sql"),
            withProblem("t_gone", State.FILE_MISSING, "FILE MISSING: version 2")), Optional.empty());

        List<String> rows = StatusTable.renderNotUpToDate(status).lines().toList();

        assertThat(rows).filteredOn(row -> row.startsWith("t_")).extracting(row -> row.split("\\s+")[2])
            .containsExactly("failed", "failed", "failed", "changed", "changed");
        assertThat(rows.get(0)).isEqualTo("5 schemas: 0 up to date, 0 with pending migrations, 0 missing, "
            + "5 failed or changed. Migrations are not up.");
    }
}
