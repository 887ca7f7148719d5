package dev.tenantmigrator;

/** How the migrations of one schema are grouped into transactions, set in YAML as {@code transactionMode}. */
public enum TransactionMode {
    /** Each migration commits with its history row on its own, as in Ecto: a failure keeps the migrations before it. */
    PER_MIGRATION,
    /**
     * All pending transactional migrations of a schema commit together with their history rows, so a
     * schema is all-or-nothing and a fleet run pays one commit per schema. A migration marked
     * {@code transaction:false} still runs on its own and splits the run there.
     */
    PER_SCHEMA
}
