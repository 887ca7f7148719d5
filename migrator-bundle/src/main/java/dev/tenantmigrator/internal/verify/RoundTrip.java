package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.files.SqlMigration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The check itself, in one schema that starts empty: apply the migrations one at a time, keeping the
 * catalog after each; roll them back one at a time, newest first, each time comparing the catalog
 * with the one kept from before that migration was applied; then apply them again one at a time,
 * comparing with the first time. The first mismatch stops it with a sentence naming the migration,
 * so a broken down is pinned on its own migration rather than noticed at the end.
 */
final class RoundTrip {

    private final Jdbi jdbi;
    private final SchemaRef schema;
    private final SingleMigrationRunner runner;

    RoundTrip(Jdbi jdbi, SchemaRef mainSchema, SchemaRef schema, Policy policy, MigrationSet set) {
        this.jdbi = jdbi;
        this.schema = schema;
        this.runner = new SingleMigrationRunner(jdbi, mainSchema, schema, policy, set);
    }

    /** @throws MigratorException naming the first migration that fails or does not round-trip */
    void run(List<Migration> migrations) {
        List<SchemaCatalog> afterFirstUp = applyKeepingCatalogs(migrations);
        rollBackComparing(migrations, afterFirstUp);
        applyAgainComparing(migrations, afterFirstUp);
    }

    /** The catalog before any migration, then after each: element k is the catalog with the first k applied. */
    private List<SchemaCatalog> applyKeepingCatalogs(List<Migration> migrations) {
        List<SchemaCatalog> catalogs = new ArrayList<>(migrations.size() + 1);
        catalogs.add(catalog());
        for (Migration migration : migrations) {
            try {
                runner.up(migration);
            } catch (MigrationFailedException e) {
                throw new MigratorException(migration.description() + " failed when the round-trip check applied it: "
                    + Failures.rootMessage(e), e);
            }
            catalogs.add(catalog());
        }
        return catalogs;
    }

    private void rollBackComparing(List<Migration> migrations, List<SchemaCatalog> afterFirstUp) {
        for (int applied = migrations.size(); applied >= 1; applied--) {
            Migration migration = migrations.get(applied - 1);
            try {
                runner.down(migration);
            } catch (MigrationFailedException e) {
                throw new MigratorException(migration.description() + " failed when the round-trip check rolled it back: "
                    + Failures.rootMessage(e), e);
            }
            List<CatalogDifference> differences = catalog().differencesFrom(afterFirstUp.get(applied - 1));
            if (!differences.isEmpty()) {
                SchemaCatalog afterUp = afterFirstUp.get(applied);
                throw new MigratorException(migration.description() + ": " + downOf(migration) + " does not undo its up: "
                    + CatalogDifference.describe(differences, difference -> difference.afterRollback(afterUp)) + ".");
            }
        }
    }

    private void applyAgainComparing(List<Migration> migrations, List<SchemaCatalog> afterFirstUp) {
        for (int applied = 1; applied <= migrations.size(); applied++) {
            Migration migration = migrations.get(applied - 1);
            try {
                runner.up(migration);
            } catch (MigrationFailedException e) {
                // The catalogs matched all the way down, so what trips it is something the comparison does not see.
                throw new MigratorException(migration.description() + ": its up failed when it was applied again after every "
                    + "migration was rolled back, so a down leaves behind something the catalog comparison does not cover, "
                    + "such as rows or objects outside the schema: " + Failures.rootMessage(e), e);
            }
            List<CatalogDifference> differences = catalog().differencesFrom(afterFirstUp.get(applied));
            if (!differences.isEmpty()) {
                throw new MigratorException(migration.description() + ": applied again after the rollback, its up gives a "
                    + "different catalog: " + CatalogDifference.describe(differences, CatalogDifference::afterReapplying)
                    + ".");
            }
        }
    }

    private SchemaCatalog catalog() {
        return SchemaCatalog.read(jdbi, schema);
    }

    private static String downOf(Migration migration) {
        return migration instanceof SqlMigration ? "its down section" : "its down method";
    }
}
