package dev.tenantmigrator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.history.RecordedFailure;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The refusal of a schema with a recorded failure names when it happened, to the second, whatever the second is. */
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
}
