package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.TransactionMode;
import java.util.ArrayList;
import java.util.List;

/** Splits one schema's migrations into the transactions they run in. Pure. */
final class TransactionGroups {

    /**
     * Migrations that run together.
     *
     * @param migrations in the order they run
     * @param transactional whether they share one transaction with their history rows (false: one
     *     migration that runs outside any transaction)
     */
    record Group(List<Migration> migrations, boolean transactional) {
    }

    private TransactionGroups() {
    }

    /**
     * Per migration, every migration is a group of its own. Per schema, consecutive transactional
     * migrations share a group; a migration that must run outside a transaction is alone and splits
     * the run there.
     */
    static List<Group> of(List<Migration> migrations, Operation operation, TransactionMode mode) {
        List<Group> groups = new ArrayList<>();
        List<Migration> open = new ArrayList<>();
        for (Migration migration : migrations) {
            boolean transactional = operation == Operation.UP ? migration.transactional() : migration.downTransactional();
            if (transactional && mode == TransactionMode.PER_SCHEMA) {
                open.add(migration);
                continue;
            }
            closeGroup(groups, open);
            groups.add(new Group(List.of(migration), transactional));
        }
        closeGroup(groups, open);
        return groups;
    }

    private static void closeGroup(List<Group> groups, List<Migration> open) {
        if (!open.isEmpty()) {
            groups.add(new Group(List.copyOf(open), true));
            open.clear();
        }
    }
}
