package dev.tenantmigrator;

import java.util.List;
import java.util.Optional;

/**
 * Whether one tenant's schema is what the code expects, as {@link Migrator#tenantState(String)} read it: from
 * the summary of the histories where it vouches for the schema, from the schema's own history table otherwise.
 *
 * @param tenant the tenant's schema name
 * @param state up to date, behind, missing or failed
 * @param pending the migrations not yet applied, oldest first (empty unless {@link State#BEHIND})
 * @param problem why the schema is {@link State#FAILED}: the recorded failure, worded as up refuses it
 */
public record TenantState(String tenant, State state, List<String> pending, Optional<String> problem) {

    public TenantState {
        pending = List.copyOf(pending);
    }

    /** What a tenant's schema is. */
    public enum State {
        /** Every migration of the tenant set is applied. */
        UP_TO_DATE,
        /** Migrations are pending: the schema is older than the code (a fleet run has not reached it yet). */
        BEHIND,
        /** The schema does not exist (a tenant not onboarded yet, or offboarded). */
        MISSING,
        /** A migration outside a transaction failed or was interrupted in it: up refuses it until it is repaired. */
        FAILED
    }

    /** Whether the schema is exactly what the code expects. */
    public boolean upToDate() {
        return state == State.UP_TO_DATE;
    }
}
