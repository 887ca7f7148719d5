package dev.tenantmigrator;

import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.execute.ConnectionRetry;
import dev.tenantmigrator.internal.execute.Executor;
import dev.tenantmigrator.internal.execute.HistoryRepair;
import dev.tenantmigrator.internal.execute.OperationBoundary.Recorder;
import dev.tenantmigrator.internal.execute.OperationBoundary;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.execute.StopSignal;
import dev.tenantmigrator.internal.files.Catalog;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.HistoryCheck;
import dev.tenantmigrator.internal.plan.InvalidIndexes;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.plan.TargetResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
 * {@link #ensureUp()}, {@link #status()} and the plans ({@link #planUp()}, {@link #planDown(long)}) take no
 * lock and write nothing.
 *
 * <p>The migration sets are read and checked when the migrator is built, so a malformed file fails
 * before anything touches the database.
 */
public class Migrator {

    private final Connections connections;
    private final MigratorSettings settings;
    private final Catalog catalog;
    private final SchemaRef mainSchema;
    private final TenantNames tenantNames;
    private final TargetResolver targets;
    private final HistoryStore history = new HistoryStore();
    private final Executor executor;
    private final OperationBoundary boundary;
    private final HistoryRepair repairs;
    private final StopSignal stop;

    /**
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public Migrator(Jdbi jdbi, MigratorSettings settings) {
        this.connections = new Connections(jdbi, settings.networkTimeout());
        this.settings = settings;
        this.catalog = Catalog.load(settings);
        this.mainSchema = SchemaRef.main(settings.mainSchema());
        this.tenantNames = new TenantNames(settings.tenantNamePattern(), settings.mainSchema());
        this.targets = new TargetResolver(tenantNames, this::knownPrefixes);
        this.stop = new StopSignal(settings.shutdownGrace());
        this.executor = new Executor(connections, history, mainSchema, Policy.of(settings), stop);
        this.repairs = new HistoryRepair(connections, history, Policy.of(settings), stop);
        this.boundary = new OperationBoundary(connections, new ConnectionRetry(settings.connectAttempts(), settings.connectInterval()),
            settings.exceptionHandler(), settings.runListener(), stop);
    }

    /** The settings this migrator was built with. */
    public MigratorSettings settings() {
        return settings;
    }

    /**
     * Stops this migrator's up and down runs, for a process that is shutting down: from now on no schema
     * starts, and a schema waiting for a lock or a worker slot that another process holds gives up. The
     * migrations running go on for {@link MigratorSettings#shutdownGrace()}; then their statements are
     * cancelled on the server, so a transactional migration rolls back, and one outside a transaction keeps
     * the failure recorded for it, which makes up refuse its schema until it is checked and repaired. Each
     * run then throws a {@link RunStoppedException} whose report counts the schemas not attempted and names
     * the interrupted ones; a run that the stop left nothing undone in ends as usual. Returns at once. A stop
     * cannot be taken back: build another migrator to run again. Reads and plans are not affected.
     */
    public void stop() {
        stop.request();
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
        return boundary.run(Operation.DOWN, run -> downSchemas(run, downPhases(to, targets.known(), true)));
    }

    /** Like {@link #down(long)}, but only in the named tenants; the main schema is left alone. */
    public RunReport down(long to, Collection<String> tenants) {
        requireVersion(to);
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.run(Operation.DOWN,
            run -> downSchemas(run, downPhases(to, targets.requireKnown(requested, targets.known()), false)));
    }

    /**
     * What {@link #up()} would do now, schema by schema, with the SQL each migration would run. Read-only:
     * the run's batched history read, no lock, no write. It refuses as the run would before starting (an
     * applied file edited since, a missing grant role). While the tenant list can only be read after
     * pending main migrations (a tenant query on a table a main migration creates), the plan covers the
     * main schema and {@link MigrationPlan#tenantListError()} says why the tenants are not in it.
     */
    public MigrationPlan planUp() {
        return boundary.read(() -> upPlan(Optional.empty()));
    }

    /**
     * What {@link #up(Collection)} would do now for the named tenants; see {@link #planUp()}.
     *
     * @throws MigratorException when a name is not allowed, or is not a known tenant while the tenant list can be read
     */
    public MigrationPlan planUp(Collection<String> tenants) {
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.read(() -> upPlan(Optional.of(requested)));
    }

    /**
     * What {@link #down(long)} would do now: every tenant schema, then the main schema, each with the
     * migrations it would roll back and their down sections' SQL. Read-only: no lock, no write. Fails as
     * the run would when a migration to roll back has no down section.
     */
    public MigrationPlan planDown(long to) {
        requireVersion(to);
        return boundary.read(() -> downPlan(downPhases(to, targets.known(), true)));
    }

    /** What {@link #down(long, Collection)} would do now in the named tenants; see {@link #planDown(long)}. */
    public MigrationPlan planDown(long to, Collection<String> tenants) {
        requireVersion(to);
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.read(() -> downPlan(downPhases(to, targets.requireKnown(requested, targets.known()), false)));
    }

    /**
     * Which of {@code names} the tenant source does not list, in their order; for a caller that names
     * tenants (from a file, say) and wants to say which entry is wrong before anything runs. Read-only.
     *
     * @return the unknown names, or empty when the tenant list cannot be read yet (a pending main
     *     migration creates what the tenant query reads): the operation checks the names once it can
     */
    public Optional<List<String>> unknownTenants(Collection<String> names) {
        return boundary.read(() -> {
            TenantList list = readTenantList();
            if (list.failure().isPresent()) {
                return Optional.empty();
            }
            Set<String> known = list.known().stream().map(SchemaRef::name).collect(Collectors.toSet());
            return Optional.of(names.stream().filter(name -> !known.contains(name)).toList());
        });
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
        return boundary.read(() -> readStatus(List.of()));
    }

    /**
     * Like {@link #status()}, but of the main schema and the named tenants only (every known tenant when
     * none is named). While the tenant list cannot be read, the named tenants are reported as they are
     * and {@link MigrationStatus#tenantListError()} says why.
     *
     * @throws MigratorException when a name is not allowed, or is not a known tenant
     */
    public MigrationStatus status(Collection<String> tenants) {
        List<SchemaRef> requested = targets.checked(tenants);
        return boundary.read(() -> readStatus(requested));
    }

    /**
     * Like {@link #status()}, but reads at once, without waiting for an unreachable database: for
     * probes such as the health check, which must answer now.
     */
    public MigrationStatus probeStatus() {
        return boundary.readNow(() -> readStatus(List.of()));
    }

    /** The status of main and the requested tenants, or of every known tenant when none is requested. */
    private MigrationStatus readStatus(List<SchemaRef> requested) {
        TenantList list = readTenantList();
        List<SchemaRef> schemas = new ArrayList<>();
        schemas.add(mainSchema);
        if (requested.isEmpty()) {
            schemas.addAll(list.known());
        } else {
            // An unreadable list cannot vouch for the names; they are shown as they are, beside the list's error.
            schemas.addAll(list.failure().isPresent() ? requested : targets.requireKnown(requested, list.known()));
        }
        List<SchemaStatus> statuses = new ArrayList<>(schemas.size());
        for (SchemaHistory schema : history.readMany(connections, schemas, settings.concurrency())) {
            statuses.add(schemaStatus(schema, catalog.setFor(schema.schema())));
        }
        return new MigrationStatus(statuses, list.failure().map(Failures::rootMessage));
    }

    /**
     * The known tenants, or the failure that kept the tenant source from being read (e.g. its table is
     * created by a pending main migration). A name the source gives that breaks the name rule still fails.
     */
    private TenantList readTenantList() {
        List<String> names;
        try {
            names = knownPrefixes();
        } catch (RuntimeException e) {
            return new TenantList(List.of(), Optional.of(e));
        }
        return new TenantList(tenantNames.check(names), Optional.empty());
    }

    private record TenantList(List<SchemaRef> known, Optional<RuntimeException> failure) {
    }

    /**
     * The tenant schema names, read from the configured {@link TenantSource} with the main schema
     * as {@code search_path}. Override it to supply tenants from code.
     */
    public List<String> knownPrefixes() {
        try {
            return connections.inTransaction(handle -> {
                handle.execute("SET LOCAL search_path TO " + mainSchema.quoted());
                return settings.tenantSource().tenants(handle);
            });
        } catch (MigratorException e) {
            throw e;
        } catch (Exception e) {
            throw new MigratorException("The tenant list could not be read: " + Failures.rootMessage(e), e);
        }
    }

    /**
     * Migrates the main schema alone (a barrier: tenants may use what it creates); true when it neither failed
     * nor was cut short by a stop. Otherwise the tenants are not even listed: the list may need what main lacks.
     */
    private boolean upMain(Recorder run) {
        run.add(executor.run(upPhase(catalog.main(), List.of(mainSchema)).plan(), run::finished));
        return !run.anyUnfinished();
    }

    private void upTenants(Recorder run, List<SchemaRef> tenants) {
        run.add(executor.run(upPhase(catalog.tenant(), tenants).plan(), run::finished));
    }

    /** Plans up from one batched read; refuses before anything runs when an applied file was edited or deleted. */
    private Phase upPhase(MigrationSet set, List<SchemaRef> schemas) {
        List<SchemaHistory> histories = readHistories(schemas);
        if (settings.validateChecksums()) {
            List<HistoryCheck.Mismatch> mismatches = histories.stream()
                .flatMap(history -> HistoryCheck.mismatches(set, history).stream()).toList();
            if (!mismatches.isEmpty()) {
                throw new MigratorException(HistoryCheck.describe(mismatches));
            }
        }
        return new Phase(Planner.up(set, histories));
    }

    /**
     * The plan of up for main and then the requested tenants (every known one when none is requested),
     * as {@link #up()} and {@link #up(Collection)} would make it.
     */
    private MigrationPlan upPlan(Optional<List<SchemaRef>> requested) {
        requireGrantRole();
        List<SchemaPlan> schemas = new ArrayList<>(upPhase(catalog.main(), List.of(mainSchema)).view());
        TenantList list = readTenantList();
        if (list.failure().isPresent() && !schemas.get(0).migrations().isEmpty()) {
            // up reads the list only after main is migrated; the plan cannot, so it says why the tenants are missing.
            return new MigrationPlan(Operation.UP, schemas, list.failure().map(Failures::rootMessage));
        }
        list.failure().ifPresent(failure -> {
            throw failure;
        });
        List<SchemaRef> tenants = requested.map(named -> targets.requireKnown(named, list.known())).orElse(list.known());
        schemas.addAll(upPhase(catalog.tenant(), tenants).view());
        return new MigrationPlan(Operation.UP, schemas, Optional.empty());
    }

    /** Plans every schema before any runs: the tenants, then the main schema when it is rolled back too. */
    private List<Phase> downPhases(long to, List<SchemaRef> tenants, boolean includeMain) {
        List<SchemaHistory> tenantHistories = readHistories(tenants);
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase(Planner.down(catalog.tenant(), tenantHistories, to)));
        if (includeMain) {
            List<SchemaHistory> mainHistory = readHistories(List.of(mainSchema));
            phases.add(new Phase(Planner.down(catalog.main(), mainHistory, to)));
        }
        return phases;
    }

    /** Runs the tenants' phase, then main's only when every tenant was rolled back. */
    private void downSchemas(Recorder run, List<Phase> phases) {
        run.add(executor.run(phases.get(0).plan(), run::finished));
        if (phases.size() > 1) {
            Plan main = phases.get(1).plan();
            run.add(run.anyUnfinished() ? List.of(SchemaOutcome.notAttempted(mainSchema.name(), false))
                : executor.run(main, run::finished));
        }
    }

    private static MigrationPlan downPlan(List<Phase> phases) {
        return new MigrationPlan(Operation.DOWN, phases.stream().flatMap(phase -> phase.view().stream()).toList(),
            Optional.empty());
    }

    /** One phase's plan, and how it looks to a caller. */
    private record Phase(Plan plan) {
        List<SchemaPlan> view() {
            return plan.steps().stream().map(step -> SchemaPlan.of(step, plan.operation())).toList();
        }
    }

    /** A role to grant to that does not exist fails the run before any schema is migrated. */
    private void requireGrantRole() {
        settings.grantRole().ifPresent(role -> {
            boolean exists = connections.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)")
                .bind("role", role).mapTo(Boolean.class).one());
            if (!exists) {
                throw new MigratorException("grantRole " + Excerpt.quoted(role) + " is not a role of this database; create it, or leave the "
                    + "setting out.");
            }
        });
    }

    private List<SchemaHistory> readHistories(List<SchemaRef> schemas) {
        return history.readMany(connections, schemas, settings.concurrency());
    }

    private static void requireVersion(long to) {
        if (to < 0) {
            throw new MigratorException("The version to roll back to must be 0 or more, was " + to + ".");
        }
    }

    private SchemaStatus schemaStatus(SchemaHistory history, MigrationSet set) {
        List<String> problems = new ArrayList<>();
        history.failures().forEach(failure -> problems.add((failure.interrupted() ? "INTERRUPTED: " : "FAILED: ")
            + failure.migration()));
        history.invalidIndexes().forEach(index -> problems.add("INVALID INDEX: " + index + " (drop it with "
            + InvalidIndexes.dropStatement(history.schema(), index) + ")"));
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
