package dev.tenantmigrator.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.TestMigration;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final TenantNames NAMES = new TenantNames(Pattern.compile(MigratorSettings.DEFAULT_TENANT_NAME_PATTERN), "public");

    private final MigrationSet set = MigrationSet.of("test set",
        List.of(TestMigration.of(30), TestMigration.of(10), TestMigration.of(20)));

    private static List<Long> versions(List<Migration> migrations) {
        return migrations.stream().map(Migration::version).toList();
    }

    private static TreeSet<Long> applied(Long... versions) {
        return new TreeSet<>(List.of(versions));
    }

    private static SchemaHistory history(String tenant, Long... versions) {
        return SchemaHistory.of(NAMES.check(tenant), applied(versions));
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
        assertThat(Planner.describeApplied(set, applied(10L, 15L, 40L)))
            .containsExactly("10_m10", "15 (not in the migration set)", "40 (applied by newer code: newer than every migration here)");
    }

    @Test
    void upPlansOneStepPerSchemaInOrderAndCreatesMissingHistories() {
        SchemaRef missing = NAMES.check("t_missing");
        SchemaHistory withoutTable = SchemaHistory.withoutTable(NAMES.check("t_bare"));

        Plan plan = Planner.up(set, List.of(history("t_done", 10L, 20L, 30L), SchemaHistory.missing(missing), withoutTable,
            history("t_half", 10L)));

        assertThat(plan.operation()).isEqualTo(Operation.UP);
        assertThat(plan.steps()).extracting(step -> step.schema().name()).containsExactly("t_done", "t_missing", "t_bare", "t_half");
        assertThat(plan.steps()).extracting(SchemaStep::createsHistory).containsExactly(false, true, true, false);
        assertThat(plan.withWork()).extracting(step -> step.schema().name()).containsExactly("t_missing", "t_bare", "t_half");
        assertThat(versions(plan.steps().get(3).migrations())).containsExactly(20L, 30L);
        assertThat(plan.migrationCount()).isEqualTo(8);
    }

    @Test
    void downPlansEverySchemaAndFailsBeforeAnyRunsWhenOneCannotBeRolledBack() {
        Plan plan = Planner.down(set, List.of(history("t_a", 10L, 20L, 30L), history("t_b", 10L)), 20);

        assertThat(plan.operation()).isEqualTo(Operation.DOWN);
        assertThat(versions(plan.steps().get(0).migrations())).containsExactly(30L, 20L);
        assertThat(plan.steps().get(1).hasWork()).isFalse();
        assertThatThrownBy(() -> Planner.down(set, List.of(history("t_a", 10L), history("t_b", 10L, 99L)), 0))
            .hasMessage("Cannot roll back version 99 in schema t_b: no migration with that version is in test set.");
    }

    @Test
    void underTheLockTheSchemaIsPlannedAgainFromWhatIsThereTowardsTheSameTarget() {
        Plan up = Planner.up(set, List.of(history("t_a", 10L)));
        Plan down = Planner.down(set, List.of(history("t_a", 10L, 20L)), 20);

        // A peer's up applied 20 meanwhile: only 30 is left; a peer's down rolled everything back: all three again.
        assertThat(Planner.step(up.target(), history("t_a", 10L, 20L)).versions()).containsExactly(30L);
        assertThat(Planner.step(up.target(), history("t_a")).versions()).containsExactly(10L, 20L, 30L);
        // A peer's up applied 30, which depends on 20: it is rolled back first, never left on top of nothing.
        assertThat(Planner.step(down.target(), history("t_a", 10L, 20L, 30L)).versions()).containsExactly(30L, 20L);
        assertThat(Planner.step(down.target(), history("t_a", 10L)).versions()).isEmpty();
        // Up to a version leaves later migrations pending.
        assertThat(Planner.step(Target.upTo(set, 20L), history("t_a")).versions()).containsExactly(10L, 20L);
    }

    @Test
    void aStepRemembersWhetherItsSchemaExistedWhenPlanned() {
        Plan up = Planner.up(set, List.of(SchemaHistory.missing(NAMES.check("t_new")), history("t_old", 10L)));

        assertThat(up.steps()).extracting(SchemaStep::existed).containsExactly(false, true);
    }

    /** Random sets and histories, including missing schemas, missing tables and versions the set lacks. */
    @Test
    void plansAgreeWithTheirDefinitionOverRandomHistories() {
        Random random = new Random(20240101);
        for (int round = 0; round < 500; round++) {
            MigrationSet randomSet = randomSet(random);
            List<SchemaHistory> histories = new ArrayList<>();
            for (int schema = 0; schema < 1 + random.nextInt(8); schema++) {
                histories.add(randomHistory(random, NAMES.check("t_" + round + "_" + schema), randomSet));
            }

            Plan up = Planner.up(randomSet, histories);

            assertThat(up.steps()).hasSameSizeAs(histories);
            for (int i = 0; i < histories.size(); i++) {
                SchemaHistory history = histories.get(i);
                SchemaStep step = up.steps().get(i);
                List<Long> expected = randomSet.all().stream().map(Migration::version)
                    .filter(version -> !history.applied().contains(version)).toList();
                assertThat(step.schema()).isEqualTo(history.schema());
                assertThat(versions(step.migrations())).isEqualTo(expected);
                assertThat(step.createsHistory()).isEqualTo(!history.hasTable());
                assertThat(step.hasWork()).isEqualTo(!history.hasTable() || !expected.isEmpty());
                // Planned again under the lock after a peer applied or rolled back anything: exactly what is missing now.
                NavigableSet<Long> afterPeer = new TreeSet<>();
                randomSet.all().stream().filter(m -> random.nextBoolean()).forEach(m -> afterPeer.add(m.version()));
                assertThat(Planner.step(up.target(), SchemaHistory.of(history.schema(), afterPeer)).versions())
                    .isEqualTo(randomSet.all().stream().map(Migration::version)
                        .filter(version -> !afterPeer.contains(version)).toList());
            }

            long to = random.nextInt(12);
            boolean reversible = histories.stream().allMatch(history -> history.applied().tailSet(to, true).stream()
                .allMatch(version -> randomSet.find(version).map(Migration::hasDown).orElse(false)));
            if (!reversible) {
                assertThatThrownBy(() -> Planner.down(randomSet, histories, to)).isInstanceOf(MigratorException.class)
                    .hasMessageStartingWith("Cannot roll back ");
                continue;
            }
            Plan down = Planner.down(randomSet, histories, to);
            for (int i = 0; i < histories.size(); i++) {
                List<Long> expected = new ArrayList<>(histories.get(i).applied().tailSet(to, true).descendingSet());
                assertThat(versions(down.steps().get(i).migrations())).isEqualTo(expected);
            }
        }
    }

    private static MigrationSet randomSet(Random random) {
        List<Migration> migrations = new ArrayList<>();
        for (long version = 1; version <= 10; version++) {
            if (random.nextInt(4) > 0) {
                migrations.add(random.nextInt(6) == 0 ? TestMigration.withoutDown(version) : TestMigration.of(version));
            }
        }
        return MigrationSet.of("random set", migrations);
    }

    private static SchemaHistory randomHistory(Random random, SchemaRef schema, MigrationSet set) {
        switch (random.nextInt(5)) {
            case 0:
                return SchemaHistory.missing(schema);
            case 1:
                return SchemaHistory.withoutTable(schema);
            default:
                NavigableSet<Long> applied = new TreeSet<>();
                for (Migration migration : set.all()) {
                    if (random.nextBoolean()) {
                        applied.add(migration.version());
                    }
                }
                if (random.nextInt(8) == 0) {
                    applied.add(11L + random.nextInt(3));
                }
                return SchemaHistory.of(schema, applied);
        }
    }
}
