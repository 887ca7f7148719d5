package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.files.MigrationSet;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs the round-trip check of one migration set in a scratch place made for it and dropped after
 * it, whether the check passed or not: the tenant set in a scratch schema of the real database, the
 * main set in a scratch database.
 */
public final class ScratchRoundTrip {

    private ScratchRoundTrip() {
    }

    /**
     * Refuses, before anything is created, a set with a migration that cannot be rolled back.
     *
     * @throws MigratorException naming the first such migration
     */
    public static void requireDownSections(MigrationSet set) {
        for (Migration migration : set.all()) {
            if (!migration.hasDown()) {
                throw new MigratorException(migration.description() + " has no '-- migrate:down' section, so the round-trip "
                    + "check cannot roll it back; nothing was checked.");
            }
        }
    }

    /**
     * Checks a tenant set in a new schema of the database {@code jdbi} reaches, with the main schema
     * second on its search path as for a real tenant, so the set may use what the main schema holds.
     *
     * @return where it ran, e.g. {@code schema migrator_verify_1f2e3d4c5b6a}
     * @throws MigratorException naming the first migration that fails or does not round-trip
     */
    public static String inScratchSchema(Jdbi jdbi, SchemaRef mainSchema, Policy policy, MigrationSet set) {
        ScratchSchema scratch = ScratchSchema.create(jdbi, mainSchema);
        Scratch.runThenDrop(scratch, () -> new RoundTrip(jdbi, mainSchema, scratch.schema(), policy, set).run(set.all()));
        return scratch.describe();
    }

    /**
     * Checks the main set in the main schema of a new database on the server {@code server} reaches;
     * {@code connect} gives a Jdbi on the database of the name it is given.
     *
     * @return where it ran, e.g. {@code schema public of database migrator_verify_1f2e3d4c5b6a}
     * @throws MigratorException naming the first migration that fails or does not round-trip
     */
    public static String inScratchDatabase(Jdbi server, Function<String, Jdbi> connect, SchemaRef mainSchema, Policy policy,
                                           MigrationSet set) {
        ScratchDatabase scratch = ScratchDatabase.create(server, connect);
        Scratch.runThenDrop(scratch, () -> new RoundTrip(scratch.connect(), mainSchema, mainSchema, policy, set).run(set.all()));
        return "schema " + mainSchema + " of " + scratch.describe();
    }
}
