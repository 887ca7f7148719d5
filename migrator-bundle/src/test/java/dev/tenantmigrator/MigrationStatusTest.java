package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationStatusTest {

    @Test
    void wordsPendingLinesAsEnsureUpDoes() {
        MigrationStatus status = new MigrationStatus(List.of(
            SchemaStatus.of("public", false, true, List.of(), List.of("20220101120000_create_foo_table.sql")),
            SchemaStatus.of("tenant_a", true, true, List.of(), List.of("20220101120000_create_foo_table.sql")),
            SchemaStatus.of("tenant_b", true, false, List.of(), List.of("20220101120000_create_foo_table.sql")),
            SchemaStatus.of("tenant_c", true, true, List.of("20220101120000_create_foo_table.sql"), List.of())),
            Optional.empty());

        assertThat(status.upToDate()).isFalse();
        assertThat(status.pendingLines()).containsExactly(
            "20220101120000_create_foo_table.sql",
            "20220101120000_create_foo_table.sql (tenant: tenant_a)",
            "SCHEMA DOES NOT EXIST: tenant_b");
    }

    @Test
    void isUpToDateWhenEverySchemaExistsWithNothingPending() {
        MigrationStatus status = new MigrationStatus(List.of(
            SchemaStatus.of("public", false, true, List.of("1_a.sql"), List.of()),
            SchemaStatus.of("tenant_a", true, true, List.of("1_b.sql"), List.of())), Optional.empty());

        assertThat(status.upToDate()).isTrue();
        assertThat(status.pendingLines()).isEmpty();
    }

    @Test
    void anUnreadableTenantListIsNotUpToDate() {
        MigrationStatus status = new MigrationStatus(List.of(
            SchemaStatus.of("public", false, true, List.of(), List.of())), Optional.of("relation \"tenants\" does not exist"));

        assertThat(status.upToDate()).isFalse();
        assertThat(status.pendingLines()).containsExactly("TENANT LIST COULD NOT BE READ: relation \"tenants\" does not exist");
    }
}
