package dev.tenantmigrator;

import dev.tenantmigrator.internal.ConnectionRetry;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.HistoryReader;
import dev.tenantmigrator.internal.MigrationLocation;
import dev.tenantmigrator.internal.MigrationSet;
import dev.tenantmigrator.internal.Planner;
import dev.tenantmigrator.internal.SchemaHistory;
import dev.tenantmigrator.internal.SchemaRunner;
import dev.tenantmigrator.internal.SchemaTarget;
import dev.tenantmigrator.internal.SqlIdentifiers;
import dev.tenantmigrator.internal.TenantNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Migrates a PostgreSQL database laid out schema-per-tenant: the main schema first, then every
 * tenant schema, each with its own {@code schema_migrations} history.
 *
 * <p>Safe to run from many processes at once: each schema is migrated under an advisory lock keyed
 * on it, and its history is re-read once the lock is held. Read-only operations ({@link #ensureUp()},
 * {@link #status()}) take no lock and write nothing.
 *
 * <p>The migration sets are read and checked when the migrator is built, so a malformed file fails
 * before anything touches the database.
 */
public class Migrator {

    private final Jdbi jdbi;
    private final MigratorSettings settings;
    private final MigrationSet mainSet;
    private final MigrationSet tenantSet;
    private final TenantNames tenantNames;
    private final ConnectionRetry connectionRetry;
    private final SchemaRunner runner;

    /**
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public Migrator(Jdbi jdbi, MigratorSettings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.mainSet = MigrationSet.load(location(settings.mainLocation(), MigratorSettings.DEFAULT_MAIN_LOCATION),
            settings.mainJavaMigrations());
        this.tenantSet = MigrationSet.load(location(settings.tenantLocation(), MigratorSettings.DEFAULT_TENANT_LOCATION),
            settings.tenantJavaMigrations());
        this.tenantNames = new TenantNames(settings.tenantNamePattern(), settings.mainSchema());
        this.connectionRetry = new ConnectionRetry(settings.connectAttempts(), settings.connectInterval());
        this.runner = new SchemaRunner(jdbi, settings.lockPollInterval());
    }

    private static MigrationLocation location(String location, String defaultLocation) {
        return new MigrationLocation(location, !location.equals(defaultLocation));
    }

    /** The settings this migrator was built with. */
    public MigratorSettings settings() {
        return settings;
    }

    /** Applies every pending main migration, then, for each known tenant, creates its schema when missing and applies every pending tenant migration. */
    public void up() {
        handleFailures(Operation.UP, () -> {
            upMain();
            upTenants(tenantNames.check(knownPrefixes()));
        });
    }

    /**
     * Like {@link #up()}, but only the named tenants after the main schema.
     *
     * @throws MigratorException when a name is not a known tenant
     */
    public void up(Collection<String> tenants) {
        handleFailures(Operation.UP, () -> {
            List<String> requested = tenantNames.check(List.copyOf(tenants));
            // Unknown names fail before main is touched, unless the tenant list needs main migrations to be read at all.
            Optional<List<String>> knownBefore = tryKnownPrefixes();
            knownBefore.ifPresent(known -> requireKnown(requested, known));
            upMain();
            upTenants(requireKnown(requested, knownBefore.isPresent() ? knownBefore.get() : knownPrefixes()));
        });
    }

    /**
     * Checks a name an application is about to store as a tenant (e.g. from a signup form) by the
     * rule every tenant name must pass: the configured pattern, at most 63 bytes, not the main
     * schema, not a PostgreSQL system schema.
     *
     * @throws MigratorException naming {@code name} and the rule it breaks
     */
    public void checkTenantName(String name) {
        tenantNames.check(name);
    }

    /**
     * Creates one tenant's schema when missing and applies every pending tenant migration to it;
     * for onboarding a tenant at run time. The name is checked but need not be known yet.
     */
    public void upTenant(String tenant) {
        handleFailures(Operation.UP, () -> {
            tenantNames.check(tenant);
            upTenants(List.of(tenant));
        });
    }

    /**
     * Rolls back, in every tenant schema and then the main schema, each applied migration whose
     * version is at least {@code to} (inclusive, as Ecto's {@code to:}), newest first. Fails before
     * any rollback statement runs when one of them cannot be rolled back.
     */
    public void down(long to) {
        handleFailures(Operation.DOWN, () -> downSchemas(to, tenantNames.check(knownPrefixes()), true));
    }

    /** Like {@link #down(long)}, but only in the named tenants; the main schema is left alone. */
    public void down(long to, Collection<String> tenants) {
        handleFailures(Operation.DOWN, () ->
            downSchemas(to, requireKnown(tenantNames.check(List.copyOf(tenants)), knownPrefixes()), false));
    }

    /**
     * Returns normally when nothing is pending; otherwise throws a {@link MigrationsNotUpException}
     * whose message lists every pending migration and missing tenant schema. Read-only.
     */
    public void ensureUp() {
        MigrationStatus status = status();
        if (!status.upToDate()) {
            throw new MigrationsNotUpException(status.pendingLines());
        }
    }

    /** What is applied and pending in the main schema and each known tenant schema. Read-only: no lock, no writes. */
    public MigrationStatus status() {
        connectionRetry.awaitDatabase(jdbi);
        String main = settings.mainSchema();
        SchemaHistory mainHistory = read(List.of(main)).get(main);
        List<SchemaStatus> schemas = new ArrayList<>();
        schemas.add(schemaStatus(mainHistory, mainSet, false));
        Optional<String> tenantListError = Optional.empty();
        List<String> tenants = List.of();
        try {
            tenants = knownPrefixes();
        } catch (RuntimeException e) {
            tenantListError = Optional.of(Failures.rootMessage(e));
        }
        for (SchemaHistory history : read(tenantNames.check(tenants)).values()) {
            schemas.add(schemaStatus(history, tenantSet, true));
        }
        return new MigrationStatus(schemas, tenantListError);
    }

    /**
     * The tenant schema names, read from the configured {@link TenantSource} with the main schema
     * as {@code search_path}. Override it to supply tenants from code.
     */
    public List<String> knownPrefixes() {
        try {
            return jdbi.inTransaction(handle -> {
                handle.execute("SET LOCAL search_path TO " + SqlIdentifiers.quote(settings.mainSchema()));
                return settings.tenantSource().tenants(handle);
            });
        } catch (MigratorException e) {
            throw e;
        } catch (Exception e) {
            throw new MigratorException("The tenant list could not be read: " + Failures.rootMessage(e), e);
        }
    }

    private void upMain() {
        connectionRetry.awaitDatabase(jdbi);
        SchemaTarget main = SchemaTarget.main(settings.mainSchema());
        if (needsUp(read(List.of(main.schema())).get(main.schema()), mainSet)) {
            runner.up(main, mainSet);
        }
    }

    private void upTenants(List<String> tenants) {
        connectionRetry.awaitDatabase(jdbi);
        // Planned from one batched read; only schemas with work take a lock, so an idle deploy stays cheap.
        for (SchemaHistory history : read(tenants).values()) {
            if (needsUp(history, tenantSet)) {
                runner.up(SchemaTarget.tenant(history.schema(), settings.mainSchema()), tenantSet);
            }
        }
    }

    private static boolean needsUp(SchemaHistory history, MigrationSet set) {
        return !history.exists() || !Planner.pending(set, history.applied()).isEmpty();
    }

    private void downSchemas(long to, List<String> tenants, boolean includeMain) {
        if (to < 0) {
            throw new MigratorException("The version to roll back to must be 0 or more, was " + to + ".");
        }
        connectionRetry.awaitDatabase(jdbi);
        Map<SchemaTarget, MigrationSet> targets = new LinkedHashMap<>();
        tenants.forEach(tenant -> targets.put(SchemaTarget.tenant(tenant, settings.mainSchema()), tenantSet));
        if (includeMain) {
            targets.put(SchemaTarget.main(settings.mainSchema()), mainSet);
        }
        Map<String, SchemaHistory> histories = read(targets.keySet().stream().map(SchemaTarget::schema).toList());
        // Plan every schema first: a migration without a down section fails the run before anything changes.
        List<SchemaTarget> withWork = new ArrayList<>();
        targets.forEach((target, set) -> {
            if (!Planner.rollback(set, histories.get(target.schema()).applied(), to, target.schema()).isEmpty()) {
                withWork.add(target);
            }
        });
        withWork.forEach(target -> runner.down(target, targets.get(target), to));
    }

    /** The requested tenants, each once; throws naming the first one the tenant source does not list. */
    private List<String> requireKnown(List<String> requested, List<String> known) {
        for (String tenant : requested) {
            if (!known.contains(tenant)) {
                throw new MigratorException("Tenant '" + tenant + "' is not a known tenant; known tenants come from "
                    + "the tenant source.");
            }
        }
        return requested;
    }

    private Optional<List<String>> tryKnownPrefixes() {
        try {
            return Optional.of(knownPrefixes());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Map<String, SchemaHistory> read(List<String> schemas) {
        return jdbi.withHandle(handle -> HistoryReader.read(handle, schemas));
    }

    private static SchemaStatus schemaStatus(SchemaHistory history, MigrationSet set, boolean tenant) {
        return new SchemaStatus(history.schema(), tenant, history.exists(),
            Planner.describeApplied(set, history.applied()),
            Planner.pending(set, history.applied()).stream().map(Migration::description).toList());
    }

    /** Hands every failure of up or down to the exception handler, then rethrows it unchanged. */
    private void handleFailures(Operation operation, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            MigrationFailure failure = e instanceof MigrationFailedException failed ? failed.failure() : MigrationFailure.general(operation);
            try {
                settings.exceptionHandler().handle(e, failure);
            } catch (RuntimeException handlerFailure) {
                // A broken handler must not hide the failure it was told about.
                e.addSuppressed(handlerFailure);
            }
            throw e;
        }
    }
}
