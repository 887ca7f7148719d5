package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.testing.RoundTripAssertions;
import org.junit.jupiter.api.Test;

/** The service's own migrations: every down undoes its up (what db-verify checks), in a test. */
class MigrationsRoundTripTest {

    @Test
    void everyDownUndoesItsUp() {
        assertThat(RoundTripAssertions.assertRoundTrip("classpath:db/migrations", "classpath:db/tenant_migrations"))
            .hasSize(2);
    }
}
