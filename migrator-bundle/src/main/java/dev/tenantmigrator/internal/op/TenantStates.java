package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.TenantState;
import dev.tenantmigrator.TenantState.State;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.Planner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each tenant's {@link TenantState}, for code that asks once per request: one read of indexed catalog rows and the
 * summary (the schema's table only when the summary cannot vouch for it), kept for {@code cacheFor}. The cache holds
 * at most {@value #MAX_CACHED} tenants and starts again empty when full: a fleet larger than that costs a read per
 * tenant per period at worst.
 */
public final class TenantStates {

    static final int MAX_CACHED = 100_000;

    private final OperationContext context;
    private final long cacheNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(TenantState state, long readAt) {
    }

    public TenantStates(OperationContext context, Duration cacheFor, LongSupplier nanoClock) {
        this.context = context;
        this.cacheNanos = cacheFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The tenant's state, read when not read within the cache period. */
    public TenantState of(String tenant) {
        SchemaRef schema = context.targets().checked(List.of(tenant)).get(0);
        long now = nanoClock.getAsLong();
        Cached cached = cache.get(schema.name());
        if (cached != null && now - cached.readAt() < cacheNanos) {
            return cached.state();
        }
        TenantState state = context.boundary().readNow(() -> read(schema));
        if (cacheNanos > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(schema.name(), new Cached(state, now));
        }
        return state;
    }

    private TenantState read(SchemaRef schema) {
        SchemaHistory history = context.history().readOne(context.connections(), schema, context.known().apply(schema));
        String name = schema.name();
        if (!history.exists()) {
            return new TenantState(name, State.MISSING, List.of(), Optional.empty());
        }
        if (!history.failures().isEmpty()) {
            return new TenantState(name, State.FAILED, List.of(),
                Optional.of(HistoryCheck.describe(history, history.failures().get(0))));
        }
        MigrationSet set = context.sets().tenant();
        List<String> pending = Planner.pending(set, history.applied()).stream().map(m -> m.description()).toList();
        return new TenantState(name, pending.isEmpty() ? State.UP_TO_DATE : State.BEHIND, pending, Optional.empty());
    }
}
