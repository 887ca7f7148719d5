package dev.tenantmigrator;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.execute.StopSignal;
import dev.tenantmigrator.internal.op.DownOperation;
import dev.tenantmigrator.internal.op.HistoryEdits;
import dev.tenantmigrator.internal.op.OperationContext;
import dev.tenantmigrator.internal.op.StatusOperation;
import dev.tenantmigrator.internal.op.TenantSourceRead;
import dev.tenantmigrator.internal.op.TenantStates;
import dev.tenantmigrator.internal.op.UpOperation;
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
 * {@link #ensureUp()}, {@link #status()} and the plans ({@link #planUp()}, {@link #planDown(long)}) take no
 * lock and write nothing.
 *
 * <p>The migration sets are read and checked when the migrator is built, so a malformed file fails
 * before anything touches the database.
 */
public class Migrator {

    private final OperationContext context;
    private final UpOperation up;
    private final DownOperation down;
    private final StatusOperation status;
    private final HistoryEdits edits;
    private final TenantStates tenantStates;
    private final StopSignal stop;

    /**
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public Migrator(Jdbi jdbi, MigratorSettings settings) {
        this.stop = new StopSignal(settings.shutdownGrace());
        this.context = OperationContext.create(new Connections(jdbi, settings.networkTimeout()), settings, this::knownPrefixes, stop);
        this.up = new UpOperation(context);
        this.down = new DownOperation(context);
        this.status = new StatusOperation(context);
        this.edits = new HistoryEdits(context);
        this.tenantStates = new TenantStates(context, settings.tenantStateCache(), System::nanoTime);
    }

    /** The settings this migrator was built with. */
    public MigratorSettings settings() {
        return context.settings();
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
        return up.all();
    }

    /**
     * Like {@link #up()}, but only the named tenants after the main schema.
     *
     * @throws MigratorException when a name is not allowed or not a known tenant; unknown names fail
     *     before main is touched, unless the tenant list needs main migrations to be read at all
     */
    public RunReport up(Collection<String> tenants) {
        return up.tenants(tenants);
    }

    /**
     * Creates one tenant's schema when missing and applies every pending tenant migration to it;
     * for onboarding a tenant at run time. The name is checked but need not be known yet; the main
     * schema is left alone.
     */
    public RunReport upTenant(String tenant) {
        return up.onboard(tenant);
    }

    /**
     * Checks a name an application is about to store as a tenant (e.g. from a signup form) by the
     * rule every tenant name must pass: the configured pattern, at most 63 bytes, not the main
     * schema, not a PostgreSQL system schema.
     *
     * @throws MigratorException naming {@code name} and the rule it breaks
     */
    public void checkTenantName(String name) {
        context.tenantNames().check(name);
    }

    /**
     * Rolls back, in every tenant schema and then the main schema, each applied migration whose
     * version is at least {@code to} (inclusive, as Ecto's {@code to:}), newest first. Every schema is
     * planned first, so one that cannot be rolled back fails the run before any rollback statement
     * runs. The main schema is rolled back only when every tenant was.
     */
    public RunReport down(long to) {
        return down.run(to, Optional.empty());
    }

    /** Like {@link #down(long)}, but only in the named tenants; the main schema is left alone. */
    public RunReport down(long to, Collection<String> tenants) {
        return down.run(to, Optional.of(tenants));
    }

    /**
     * What {@link #up()} would do now, schema by schema, with the SQL each migration would run. Read-only:
     * the run's batched history read, no lock, no write. It refuses as the run would before starting (an
     * applied file edited since, a missing grant role). While the tenant list can only be read after
     * pending main migrations (a tenant query on a table a main migration creates), the plan covers the
     * main schema and {@link MigrationPlan#tenantListError()} says why the tenants are not in it.
     */
    public MigrationPlan planUp() {
        return up.plan(Optional.empty());
    }

    /**
     * What {@link #up(Collection)} would do now for the named tenants; see {@link #planUp()}.
     *
     * @throws MigratorException when a name is not allowed, or is not a known tenant while the tenant list can be read
     */
    public MigrationPlan planUp(Collection<String> tenants) {
        return up.plan(Optional.of(tenants));
    }

    /**
     * What {@link #down(long)} would do now: every tenant schema, then the main schema, each with the
     * migrations it would roll back and their down sections' SQL. Read-only: no lock, no write. Fails as
     * the run would when a migration to roll back has no down section.
     */
    public MigrationPlan planDown(long to) {
        return down.plan(to, Optional.empty());
    }

    /** What {@link #down(long, Collection)} would do now in the named tenants; see {@link #planDown(long)}. */
    public MigrationPlan planDown(long to, Collection<String> tenants) {
        return down.plan(to, Optional.of(tenants));
    }

    /**
     * Which of {@code names} the tenant source does not list, in their order; for a caller that names
     * tenants (from a file, say) and wants to say which entry is wrong before anything runs. Read-only.
     *
     * @return the unknown names, or empty when the tenant list cannot be read yet (a pending main
     *     migration creates what the tenant query reads): the operation checks the names once it can
     */
    public Optional<List<String>> unknownTenants(Collection<String> names) {
        return status.unknownTenants(names);
    }

    /**
     * For an operator who has fixed a schema by hand: re-records the checksum of every applied migration
     * whose file changed from the file as it is now, accepts applied versions whose file is gone,
     * fills in missing checksums, and clears recorded failures. In the main schema and every known
     * tenant, or only in the named tenants. Each schema is changed under its lock; running it again
     * changes nothing.
     */
    public HistoryChanges repair(Collection<String> tenants) {
        return edits.repair(tenants);
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
        return edits.markApplied(version, tenants);
    }

    /**
     * Returns normally when nothing is pending; otherwise throws a {@link MigrationsNotUpException}
     * whose message lists every pending migration and missing tenant schema. Read-only.
     */
    public void ensureUp() {
        status.ensureUp();
    }

    /**
     * What is applied and pending in the main schema and each known tenant schema, after waiting for
     * the database as every operation does. Read-only: no lock, no writes.
     */
    public MigrationStatus status() {
        return status.status(List.of());
    }

    /**
     * Like {@link #status()}, but of the main schema and the named tenants only (every known tenant when
     * none is named). While the tenant list cannot be read, the named tenants are reported as they are
     * and {@link MigrationStatus#tenantListError()} says why.
     *
     * @throws MigratorException when a name is not allowed, or is not a known tenant
     */
    public MigrationStatus status(Collection<String> tenants) {
        return status.status(tenants);
    }

    /**
     * Like {@link #status()}, but reads at once, without waiting for an unreachable database: for
     * probes such as the health check, which must answer now.
     */
    public MigrationStatus probeStatus() {
        return status.probe();
    }

    /**
     * Whether one tenant's schema is what the code expects: up to date, behind (with what is pending), missing, or
     * failed. For code that asks per request (the bundle's {@code TenantSchemaFilter} does): where the summary of
     * the histories vouches for the schema it costs one query of indexed rows, and the answer is kept for
     * {@link MigratorSettings#tenantStateCache()}. Read-only; the database is tried once. INVALID indexes are not
     * looked for here ({@link #status()} shows them).
     *
     * @throws MigratorException when the name breaks the tenant name rule, or the database cannot be read
     */
    public TenantState tenantState(String tenant) {
        return tenantStates.of(tenant);
    }

    /**
     * The tenant schema names, read from the configured {@link TenantSource} with the main schema
     * as {@code search_path}. Override it to supply tenants from code.
     */
    public List<String> knownPrefixes() {
        return TenantSourceRead.read(context.connections(), context.mainSchema(), context.settings().tenantSource());
    }
}
