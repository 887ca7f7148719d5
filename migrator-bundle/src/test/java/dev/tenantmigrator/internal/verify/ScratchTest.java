package dev.tenantmigrator.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigratorException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {

    /** A scratch that records its drops and fails them when told to. */
    private static final class Recorded implements Scratch {
        final List<String> drops = new ArrayList<>();
        final boolean dropFails;

        Recorded(boolean dropFails) {
            this.dropFails = dropFails;
        }

        @Override
        public String describe() {
            return "schema migrator_verify_000000000000";
        }

        @Override
        public void drop() {
            drops.add("dropped");
            if (dropFails) {
                throw new MigratorException("drop failed", new IllegalStateException("connection lost"));
            }
        }
    }

    @Test
    void aNewNamePassesTheDefaultTenantRuleAndIsNeverTheSameTwice() {
        String name = Scratch.newName();

        assertThat(name).matches("migrator_verify_[0-9a-f]{12}");
        assertThat(Scratch.newName()).isNotEqualTo(name);
    }

    @Test
    void itIsDroppedWhenTheCheckFailsAndTheFailureIsKept() {
        Recorded scratch = new Recorded(false);

        assertThatThrownBy(() -> Scratch.runThenDrop(scratch, () -> {
            throw new MigratorException("x.sql: its down section does not undo its up.");
        })).hasMessage("x.sql: its down section does not undo its up.");
        assertThat(scratch.drops).hasSize(1);
    }

    @Test
    void aFailedDropAfterAFailedCheckIsToldAfterTheCheck() {
        Recorded scratch = new Recorded(true);

        assertThatThrownBy(() -> Scratch.runThenDrop(scratch, () -> {
            throw new MigratorException("x.sql: its down section does not undo its up.");
        })).hasMessage("x.sql: its down section does not undo its up. Then the schema migrator_verify_000000000000 could "
            + "not be dropped (connection lost); drop it by hand.");
    }

    @Test
    void aFailedDropAfterAPassedCheckFailsTheCheck() {
        Recorded scratch = new Recorded(true);

        assertThatThrownBy(() -> Scratch.runThenDrop(scratch, () -> { })).hasMessage("drop failed");
    }
}
