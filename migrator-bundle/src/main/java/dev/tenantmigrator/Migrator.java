package dev.tenantmigrator;

import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.execute.ConnectionRetry;
import dev.tenantmigrator.internal.execute.Executor;
import dev.tenantmigrator.internal.execute.HistoryRepair;
import dev.tenantmigrator.internal.execute.OperationBoundary.Recorder;
import dev.tenantmigrator.internal.execute.OperationBoundary;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.files.Catalog;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.TargetResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Migrates a PostgreSQL database laid out schema-per-tenant: the main schema first, then every
 * tenant schema, each with its own {@code schema_migrations} history.
 *
 * <p>Every operation reads the histories it needs in a few batched, read-only queries and plans
 * from them; only schemas with work are locked and migrated. Tenant schemas run on
 * {@link MigratorSettings#concurrency()} workers, each under an advisory lock keyed on the schema
 * with its history re-read once the lock is held, so several processes can run {@link #up()} at
 * once: a schema another process is migrating is passed over and checked again at the end.
 * {@link #ensureUp()} and {@link #status()} take no lock and write nothing.
 *
 * <p>The migration sets are read and checked when the migrator is built, so a malformed file fails
 * before anything touches the database.
 */
public class Migrator {

    private final Jdbi jdbi;
    private final MigratorSettings settings;
    private final Catalog catalog;
    private final SchemaRef mainSchema;
    private final TenantNames tenantNames;
    private final TargetResolver targets;
    private final HistoryStore history = new HistoryStore();
    private final Executor executor;
    private final OperationBoundary boundary;
    private final HistoryRepair repairs;

    /**
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public Migrator(Jdbi jdbi, MigratorSettings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.catalog = Catalog.load(settings);
        this.mainSchema = SchemaRef.main(settings.mainSchema());
        this.tenantNames = new TenantNames(settings.tenantNamePattern(), settings.mainSchema());
        this.targets = new TargetResolver(tenantNames, this::knownPrefixes);
        this.executor = new Executor(jdbi, history, mainSchema, Policy.of(settings));
        this.repairs = new HistoryRepair(jdbi, history, Policy.of(settings));
        this.boundary = new OperationBoundary(jdbi, new ConnectionRetry(settings.connectAttempts(), settings.connectInterval()),
            settings.exceptionHandler(), settings.runListener());
    }

    /** The settings this migrator was built with. */
    public MigratorSettings settings() {
        return settings;
    }

    /**
     * Applies every pending main migration, then, for each known tenant, creates its schema when
     * missing and applies every pending tenant migration.
     *
     * @return what was done in each schema
     * @throws RunFailedException when a schema failed; its report says what was done everywhere
     */
    public RunReport up() {
        return boundary.run(Operation.UP, run -> {
            requireGrantRole();
            if (upMain(run)) {
                upTenants(run, targets.known());
            }
        });
    }

    /**
     * Like {@link #up()}, but only the named tenants after the main schema.
     *
     * @throws MigratorException when a name is not allowed or not a known tenant; unknown names fail
     *     before main is touched, unless the tenant list needs main migrations to be read at all
     */
    public RunReport up(Collection<String> tenants) {
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.run(Operation.UP, run -> {
            requireGrantRole();
            Optional<List<SchemaRef>> knownBefore = targets.knownIfReadable();
            knownBefore.ifPresent(known -> targets.requireKnown(requested, known));
            if (upMain(run)) {
                upTenants(run, targets.requireKnown(requested, knownBefore.orElseGet(targets::known)));
            }
        });
    }

    /**
     * Creates one tenant's schema when missing and applies every pending tenant migration to it;
     * for onboarding a tenant at run time. The name is checked but need not be known yet; the main
     * schema is left alone.
     */
    public RunReport upTenant(String tenant) {
        List<SchemaRef> requested = targets.checked(List.of(tenant));
        return boundary.run(Operation.UP, run -> {
            requireGrantRole();
            upTenants(run, requested);
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
     * Rolls back, in every tenant schema and then the main schema, each applied migration whose
     * version is at least {@code to} (inclusive, as Ecto's {@code to:}), newest first. Every schema is
     * planned first, so one that cannot be rolled back fails the run before any rollback statement
     * runs. The main schema is rolled back only when every tenant was.
     */
    public RunReport down(long to) {
        requireVersion(to);
        return boundary.run(Operation.DOWN, run -> downSchemas(run, to, targets.known(), true));
    }

    /** Like {@link #down(long)}, but only in the named tenants; the main schema is left alone. */
    public RunReport down(long to, Collection<String> tenants) {
        requireVersion(to);
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.run(Operation.DOWN, run -> downSchemas(run, to, targets.requireKnown(requested, targets.known()), false));
    }

    /**
     * For an operator who has fixed a schema by hand: re-records the checksum of every applied migration
     * whose file changed from the file as it is now, accepts applied versions whose file is gone,
     * fills in missing checksums, and clears recorded failures. In the main schema and every known
     * tenant, or only in the named tenants. Each schema is changed under its lock; running it again
     * changes nothing.
     */
    public HistoryChanges repair(Collection<String> tenants) {
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.change(Operation.REPAIR, () -> {
            List<SchemaRef> schemas = new ArrayList<>();
            if (requested.isEmpty()) {
                schemas.add(mainSchema);
                schemas.addAll(targets.known());
            } else {
                schemas.addAll(targets.requireKnown(requested, targets.known()));
            }
            List<String> changes = new ArrayList<>();
            for (SchemaHistory history : readHistories(schemas)) {
                MigrationSet set = catalog.setFor(history.schema());
                if (HistoryRepair.needsRepair(set, history)) {
                    changes.addAll(repairs.repair(history.schema(), set));
                }
            }
            return new HistoryChanges(Operation.REPAIR, schemas.size(), changes);
        });
    }

    /**
     * Records the migration with {@code version} as applied without running it, for a schema built by
     * other means (a baseline). With tenants named, in those tenants (the version must be a tenant
     * migration); otherwise in the main schema when the main set has the version, and in every known
     * tenant when the tenant set has it. A failure recorded for that migration is cleared with it.
     *
     * @throws MigratorException when no set has the version, or a schema does not exist; nothing is changed then
     */
    public HistoryChanges markApplied(long version, Collection<String> tenants) {
        List<SchemaRef> requested = targets.checked(tenants);
        Optional<Migration> inMain = requested.isEmpty() ? catalog.main().find(version) : Optional.empty();
        Optional<Migration> inTenants = catalog.tenant().find(version);
        if (inMain.isEmpty() && inTenants.isEmpty()) {
            throw new MigratorException("No migration has version " + version + ": it is in neither "
                + (requested.isEmpty() ? catalog.main().origin() + " nor " : "") + catalog.tenant().origin() + ".");
        }
        return boundary.change(Operation.MARK_APPLIED, () -> {
            List<SchemaRef> schemas = new ArrayList<>();
            inMain.ifPresent(migration -> schemas.add(mainSchema));
            if (inTenants.isPresent()) {
                schemas.addAll(requested.isEmpty() ? targets.known() : targets.requireKnown(requested, targets.known()));
            }
            List<SchemaHistory> histories = readHistories(schemas);
            histories.stream().filter(history -> !history.exists()).findFirst().ifPresent(missing -> {
                throw new MigratorException("Schema " + missing.schema() + " does not exist; db-mark-applied records "
                    + "migrations in existing schemas only (db-up creates and migrates a new one).");
            });
            List<String> changes = new ArrayList<>();
            for (SchemaHistory history : histories) {
                Migration migration = (history.schema().isTenant() ? inTenants : inMain).orElseThrow();
                changes.addAll(repairs.markApplied(history.schema(), migration));
            }
            return new HistoryChanges(Operation.MARK_APPLIED, schemas.size(), changes);
        });
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

    /**
     * What is applied and pending in the main schema and each known tenant schema, after waiting for
     * the database as every operation does. Read-only: no lock, no writes.
     */
    public MigrationStatus status() {
        return boundary.read(this::readStatus);
    }

    /**
     * Like {@link #status()}, but reads at once, without waiting for an unreachable database: for
     * probes such as the health check, which must answer now.
     */
    public MigrationStatus probeStatus() {
        return boundary.readNow(this::readStatus);
    }

    private MigrationStatus readStatus() {
        Optional<String> tenantListError = Optional.empty();
        List<String> tenants = List.of();
        try {
            tenants = knownPrefixes();
        } catch (RuntimeException e) {
            tenantListError = Optional.of(Failures.rootMessage(e));
        }
        List<SchemaRef> schemas = new ArrayList<>();
        schemas.add(mainSchema);
        schemas.addAll(tenantNames.check(tenants));
        List<SchemaStatus> statuses = new ArrayList<>(schemas.size());
        for (SchemaHistory schema : history.readMany(jdbi, schemas, settings.concurrency())) {
            statuses.add(schemaStatus(schema, catalog.setFor(schema.schema())));
        }
        return new MigrationStatus(statuses, tenantListError);
    }

    /**
     * The tenant schema names, read from the configured {@link TenantSource} with the main schema
     * as {@code search_path}. Override it to supply tenants from code.
     */
    public List<String> knownPrefixes() {
        try {
            return jdbi.inTransaction(handle -> {
                handle.execute("SET LOCAL search_path TO " + mainSchema.quoted());
                return settings.tenantSource().tenants(handle);
            });
        } catch (MigratorException e) {
            throw e;
        } catch (Exception e) {
            throw new MigratorException("The tenant list could not be read: " + Failures.rootMessage(e), e);
        }
    }

    /** Migrates the main schema alone (a barrier: tenants may use what it creates); true when it did not fail. */
    private boolean upMain(Recorder run) {
        run.add(executor.run(planUp(catalog.main(), List.of(mainSchema)), run::finished));
        return !run.anyFailed();
    }

    private void upTenants(Recorder run, List<SchemaRef> tenants) {
        run.add(executor.run(planUp(catalog.tenant(), tenants), run::finished));
    }

    /** Plans up from one batched read; refuses before anything runs when an applied file was edited or deleted. */
    private Plan planUp(MigrationSet set, List<SchemaRef> schemas) {
        List<SchemaHistory> histories = readHistories(schemas);
        if (settings.validateChecksums()) {
            List<HistoryCheck.Mismatch> mismatches = histories.stream()
                .flatMap(history -> HistoryCheck.mismatches(set, history).stream()).toList();
            if (!mismatches.isEmpty()) {
                throw new MigratorException(HistoryCheck.describe(mismatches));
            }
        }
        return Planner.up(set, histories);
    }

    /** Plans every schema before any runs; tenants go first, and main only when every tenant was rolled back. */
    private void downSchemas(Recorder run, long to, List<SchemaRef> tenants, boolean includeMain) {
        Plan tenantPlan = Planner.down(catalog.tenant(), readHistories(tenants), to);
        Optional<Plan> mainPlan = includeMain
            ? Optional.of(Planner.down(catalog.main(), readHistories(List.of(mainSchema)), to))
            : Optional.empty();
        run.add(executor.run(tenantPlan, run::finished));
        mainPlan.ifPresent(plan -> run.add(run.anyFailed()
            ? List.of(SchemaOutcome.notAttempted(mainSchema.name(), false))
            : executor.run(plan, run::finished)));
    }

    /** A role to grant to that does not exist fails the run before any schema is migrated. */
    private void requireGrantRole() {
        settings.grantRole().ifPresent(role -> {
            boolean exists = jdbi.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)")
                .bind("role", role).mapTo(Boolean.class).one());
            if (!exists) {
                throw new MigratorException("grantRole '" + role + "' is not a role of this database; create it, or leave the "
                    + "setting out.");
            }
        });
    }

    private List<SchemaHistory> readHistories(List<SchemaRef> schemas) {
        return history.readMany(jdbi, schemas, settings.concurrency());
    }

    private static void requireVersion(long to) {
        if (to < 0) {
            throw new MigratorException("The version to roll back to must be 0 or more, was " + to + ".");
        }
    }

    private SchemaStatus schemaStatus(SchemaHistory history, MigrationSet set) {
        List<String> problems = new ArrayList<>();
        history.failures().forEach(failure -> problems.add("FAILED: " + failure.migration()));
        if (settings.validateChecksums()) {
            HistoryCheck.mismatches(set, history).forEach(mismatch -> problems.add(
                mismatch.kind() == HistoryCheck.Kind.EDITED ? "CHANGED SINCE APPLIED: " + mismatch.migration()
                    : "FILE MISSING: version " + mismatch.version()));
        }
        return new SchemaStatus(history.schema().name(), history.schema().isTenant(), history.exists(),
            Planner.describeApplied(set, history.applied()),
            Planner.pending(set, history.applied()).stream().map(Migration::description).toList(), problems);
    }
}
