package dev.tenantmigrator.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.TransactionMode;
import dev.tenantmigrator.internal.execute.TransactionGroups.Group;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class TransactionGroupsTest {

    private record Step(long version, boolean transactional, boolean downTransactional) implements Migration {
        @Override
        public String name() {
            return "m" + version;
        }

        @Override
        public void up(Handle handle) {
        }

        @Override
        public void down(Handle handle) {
        }
    }

    private static final Migration T1 = new Step(1, true, true);
    private static final Migration T2 = new Step(2, true, true);
    private static final Migration N3 = new Step(3, false, true);
    private static final Migration T4 = new Step(4, true, false);
    private static final Migration T5 = new Step(5, true, true);

    @Test
    void perMigrationEveryMigrationIsItsOwnGroup() {
        assertThat(TransactionGroups.of(List.of(T1, T2, N3), Operation.UP, TransactionMode.PER_MIGRATION)).containsExactly(
            new Group(List.of(T1), true), new Group(List.of(T2), true), new Group(List.of(N3), false));
    }

    @Test
    void perSchemaTransactionalMigrationsShareAGroupUntilOneMustRunOutsideATransaction() {
        assertThat(TransactionGroups.of(List.of(T1, T2, N3, T4, T5), Operation.UP, TransactionMode.PER_SCHEMA)).containsExactly(
            new Group(List.of(T1, T2), true), new Group(List.of(N3), false), new Group(List.of(T4, T5), true));
    }

    @Test
    void downGroupsByWhetherTheDownSectionRunsInATransaction() {
        assertThat(TransactionGroups.of(List.of(T5, T4, N3, T2), Operation.DOWN, TransactionMode.PER_SCHEMA)).containsExactly(
            new Group(List.of(T5), true), new Group(List.of(T4), false), new Group(List.of(N3, T2), true));
    }

    @Test
    void nothingToRunIsNoGroup() {
        assertThat(TransactionGroups.of(List.of(), Operation.UP, TransactionMode.PER_SCHEMA)).isEmpty();
    }
}
