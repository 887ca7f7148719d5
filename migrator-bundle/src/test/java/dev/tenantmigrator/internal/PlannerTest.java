package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private final MigrationSet set = MigrationSet.of("test set",
        List.of(TestMigration.of(30), TestMigration.of(10), TestMigration.of(20)));

    private static List<Long> versions(List<Migration> migrations) {
        return migrations.stream().map(Migration::version).toList();
    }

    private static TreeSet<Long> applied(Long... versions) {
        return new TreeSet<>(List.of(versions));
    }

    @Test
    void everythingIsPendingInAnEmptyHistoryInVersionOrder() {
        assertThat(versions(Planner.pending(set, Set.of()))).containsExactly(10L, 20L, 30L);
    }

    @Test
    void nothingIsPendingWhenEverythingIsApplied() {
        assertThat(Planner.pending(set, applied(10L, 20L, 30L))).isEmpty();
    }

    @Test
    void aLowerVersionAddedLaterIsStillPending() {
        assertThat(versions(Planner.pending(set, applied(10L, 30L)))).containsExactly(20L);
    }

    @Test
    void appliedVersionsUnknownToTheSetDoNotMakeAnythingPending() {
        assertThat(Planner.pending(set, applied(10L, 20L, 30L, 99L))).isEmpty();
    }

    @Test
    void rollbackIncludesTheTargetVersionNewestFirst() {
        assertThat(versions(Planner.rollback(set, applied(10L, 20L, 30L), 20, "s"))).containsExactly(30L, 20L);
    }

    @Test
    void rollbackToABetweenVersionTakesOnlyNewerOnes() {
        assertThat(versions(Planner.rollback(set, applied(10L, 20L, 30L), 25, "s"))).containsExactly(30L);
    }

    @Test
    void rollbackToZeroTakesEverything() {
        assertThat(versions(Planner.rollback(set, applied(10L, 20L, 30L), 0, "s"))).containsExactly(30L, 20L, 10L);
    }

    @Test
    void rollbackSkipsVersionsThatWereNeverApplied() {
        assertThat(versions(Planner.rollback(set, applied(10L, 30L), 0, "s"))).containsExactly(30L, 10L);
    }

    @Test
    void rollbackThroughAMigrationWithoutDownFailsNamingIt() {
        MigrationSet withoutDown = MigrationSet.of("test set", List.of(TestMigration.of(10), TestMigration.withoutDown(20)));

        assertThatThrownBy(() -> Planner.rollback(withoutDown, applied(10L, 20L), 10, "tenant_a"))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Cannot roll back 20_m20 in schema tenant_a: it has no '-- migrate:down' section.");
    }

    @Test
    void rollbackAboveAMigrationWithoutDownIsFine() {
        MigrationSet withoutDown = MigrationSet.of("test set", List.of(TestMigration.withoutDown(10), TestMigration.of(20)));

        assertThat(versions(Planner.rollback(withoutDown, applied(10L, 20L), 20, "s"))).containsExactly(20L);
    }

    @Test
    void rollbackOfAVersionMissingFromTheSetFailsNamingIt() {
        assertThatThrownBy(() -> Planner.rollback(set, applied(10L, 40L), 0, "public"))
            .hasMessage("Cannot roll back version 40 in schema public: no migration with that version is in test set.");
    }

    @Test
    void describesAppliedVersionsAndMarksUnknownOnes() {
        assertThat(Planner.describeApplied(set, applied(10L, 40L)))
            .containsExactly("10_m10", "40 (not in the migration set)");
    }
}
