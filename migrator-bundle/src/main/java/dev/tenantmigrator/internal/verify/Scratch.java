package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import java.util.UUID;

/** A schema or database the check creates for itself, and drops however the check ends. */
interface Scratch {

    /** What every scratch name starts with, so a leftover is recognisable at a glance. */
    String PREFIX = "migrator_verify_";

    /** e.g. {@code schema migrator_verify_1f2e3d4c5b6a}. */
    String describe();

    /** Drops it with everything in it; throws a {@link MigratorException} naming it when that fails. */
    void drop();

    /**
     * A name nothing else has: the prefix and 48 random bits. It is created without {@code IF NOT
     * EXISTS}, so even a collision would fail rather than adopt, and later drop, someone else's.
     */
    static String newName() {
        return PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Runs {@code body}, then drops {@code scratch} whether or not it failed; a failed drop is told, never hidden. */
    static void runThenDrop(Scratch scratch, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException failure) {
            try {
                scratch.drop();
            } catch (RuntimeException dropFailure) {
                failure.addSuppressed(dropFailure);
                String message = failure instanceof MigratorException ? failure.getMessage() : Failures.rootMessage(failure);
                throw new MigratorException(message + " Then the " + scratch.describe() + " could not be dropped ("
                    + Failures.rootMessage(dropFailure) + "); drop it by hand.", failure);
            }
            throw failure;
        }
        scratch.drop();
    }
}
