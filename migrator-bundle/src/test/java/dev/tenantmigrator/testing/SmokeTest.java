package dev.tenantmigrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SmokeTest {
    @Test
    void givesEachTestItsOwnEmptyDatabase(TestDatabase db) {
        assertThat(db.schemas()).containsExactly("public");
    }
}
