package dev.tenantmigrator.internal.history;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.Workers;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every read and write of the history tables, through jOOQ. Reads of many schemas are batched and
 * read-only; the writes run on the connection that holds the schema's lock.
 */
public final class HistoryStore {

    /**
     * Schemas per read query. A query takes a lock on every table it reads until it ends, so a batch
     * must stay far below the lock table's size (max_locks_per_transaction 64 times max_connections).
     */
    public static final int BATCH_SIZE = 500;
    /** The tables this library keeps in each schema (the summary in the main schema only); only ever written by the migrator. */
    public static final List<String> TABLES = List.of(HistoryTable.TABLE, FailureTable.TABLE, Summary.TABLE);
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    /** Reads of a fleet that keeps changing under them before giving up. */
    private static final int READ_ATTEMPTS = 5;
    /** Schemas per catalog query, which reads no table and so locks nothing. */
    private static final int CATALOG_CHUNK = 10_000;
    private static final NavigableMap<Long, Optional<String>> EMPTY = SchemaHistory.freeze(Map.of());

    private final int batchSize;
    private final Summary summary;

    /** A store whose summary is in {@code main}, reading {@link #BATCH_SIZE} schemas per query. */
    public HistoryStore(SchemaRef main) {
        this(main, BATCH_SIZE);
    }

    /** A store whose summary is in {@code main}, reading {@code batchSize} schemas per query. */
    public HistoryStore(SchemaRef main, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.summary = new Summary(main);
    }

    /**
     * The history of each schema, in the order given: one catalog query, which also brings the summary
     * row of every schema whose row can be trusted; a schema whose trusted row has a digest of {@code
     * known} has that history and its table is not read. The other history tables are read in batches
     * of {@link #BATCH_SIZE}, spread over {@code parallelism} connections when there are several
     * batches. Read-only: no lock, no write.
     */
    public List<SchemaHistory> readMany(Connections database, List<SchemaRef> schemas, int parallelism,
                                        Function<SchemaRef, KnownHistories> known) {
        return readMany(pooled(database), schemas, parallelism, known, true);
    }

    /**
     * One schema's history, read as {@link #readMany} reads it but without its INVALID indexes: finding those costs
     * a pass over pg_index, and this read is for a question asked per request ({@code tenantState}), which takes
     * only indexed lookups when the summary vouches for the schema.
     */
    public SchemaHistory readOne(Connections database, SchemaRef schema, KnownHistories known) {
        return readMany(pooled(database), List.of(schema), 1, ignored -> known, false).get(0);
    }

    /** One schema's history, read on the connection that holds its lock. */
    public SchemaHistory readLocked(Handle handle, SchemaRef schema) {
        return readMany(new DslSource() {
            @Override
            public <T> T run(Function<DSLContext, T> query) {
                return query.apply(HistoryTable.dsl(handle));
            }
        }, List.of(schema), 1, ignored -> KnownHistories.none(), true).get(0);
    }

    /** A pooled connection for each query. */
    private static DslSource pooled(Connections database) {
        return new DslSource() {
            @Override
            public <T> T run(Function<DSLContext, T> query) {
                return database.withHandle(handle -> query.apply(HistoryTable.dsl(handle)));
            }

            @Override
            public boolean freshConnections() {
                return true;
            }
        };
    }

    /** Runs a query on a connection: a pooled one for each, or always the same. */
    private interface DslSource {
        <T> T run(Function<DSLContext, T> query);

        /** Whether each query takes a connection of its own, so a read that lost its connection can be made again. */
        default boolean freshConnections() {
            return false;
        }
    }

    /**
     * A schema or a table dropped or renamed between the catalog query and the read of its table fails
     * the read; the fleet moves under a long read (tenants are offboarded, restored, renamed), so the
     * whole read is made again, the catalog query included, which then sees the schema as it is now.
     */
    private List<SchemaHistory> readMany(DslSource connections, List<SchemaRef> schemas, int parallelism,
                                         Function<SchemaRef, KnownHistories> known, boolean invalidIndexes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(connections, schemas, parallelism, known, invalidIndexes);
            } catch (RuntimeException e) {
                boolean lost = connections.freshConnections() && Failures.isConnectionFailure(e);
                if (!vanishedDuringRead(e) && !lost) {
                    throw e;
                }
                if (lost && attempt >= READ_ATTEMPTS) {
                    throw new MigratorException("The migration histories could not be read: the connection was lost during "
                        + "each of " + READ_ATTEMPTS + " reads (" + Failures.rootMessage(e) + ").", e);
                }
                if (attempt >= READ_ATTEMPTS) {
                    throw new MigratorException("The migration histories could not be read: schemas or their history "
                        + "tables were dropped or renamed during each of " + READ_ATTEMPTS + " reads ("
                        + Failures.rootMessage(e) + "); run again once the schemas stop changing.", e);
                }
                LOG.info(lost ? "Lost the connection while reading the histories ({}); reading again"
                    : "A schema changed while the histories were read ({}); reading again", Failures.rootMessage(e));
            }
        }
    }

    /** SQLSTATE 42P01 (undefined_table) or 3F000 (invalid_schema_name): what a read of a table that just went raises. */
    private static boolean vanishedDuringRead(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42P01".equals(sql.getSQLState()) || "3F000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private List<SchemaHistory> readOnce(DslSource connections, List<SchemaRef> schemas, int parallelism,
                                         Function<SchemaRef, KnownHistories> known, boolean invalidIndexes) {
        if (schemas.isEmpty()) {
            return List.of();
        }
        // The summary's rows are only asked for on connections of their own: the query fails where the main schema has
        // no summary yet, which would end a transaction the caller holds.
        boolean withSummary = connections.freshConnections();
        Map<String, CatalogRead.Entry> entries = new HashMap<>();
        boolean installed = true;
        for (List<SchemaRef> chunk : chunks(schemas, CATALOG_CHUNK)) {
            CatalogRead.Catalog read = connections.run(dsl -> CatalogRead.read(dsl, names(chunk), summary, withSummary,
                invalidIndexes));
            entries.putAll(read.entries());
            installed &= read.summaryInstalled();
        }
        CatalogRead.Catalog catalog = new CatalogRead.Catalog(entries, installed);
        Map<String, NavigableMap<Long, Optional<String>>> summarized = new HashMap<>();
        for (SchemaRef schema : schemas) {
            CatalogRead.Entry entry = catalog.entry(schema.name());
            if (entry.hasOurColumns() && !entry.hasFailures() && entry.summary().isPresent()) {
                known.apply(schema).find(entry.summary().get()).ifPresent(history -> summarized.put(schema.name(), history));
            }
        }
        Map<String, String> sharedChecksums = new ConcurrentHashMap<>();
        List<Callable<Map<String, NavigableMap<Long, Optional<String>>>>> reads = new ArrayList<>();
        for (boolean ours : new boolean[] {true, false}) {
            List<SchemaRef> tables = schemas.stream().filter(schema -> {
                CatalogRead.Entry entry = catalog.entry(schema.name());
                return entry.hasTable() && entry.hasOurColumns() == ours && !summarized.containsKey(schema.name());
            }).toList();
            for (List<SchemaRef> batch : chunks(tables, batchSize)) {
                reads.add(() -> connections.run(dsl -> HistoryBatchRead.read(dsl, names(batch), ours, sharedChecksums)));
            }
        }
        Map<String, NavigableMap<Long, Optional<String>>> versions = new HashMap<>(summarized);
        Workers.runAll("migrator-history-reader", reads, parallelism, "reading the migration histories")
            .forEach(versions::putAll);
        List<SchemaRef> withFailures = schemas.stream()
            .filter(schema -> catalog.entry(schema.name()).hasFailures()).toList();
        Map<String, List<RecordedFailure>> failures = withFailures.isEmpty() ? Map.of()
            : connections.run(dsl -> FailureTable.read(dsl, withFailures));
        List<SchemaHistory> histories = new ArrayList<>(schemas.size());
        for (SchemaRef schema : schemas) {
            CatalogRead.Entry entry = catalog.entry(schema.name());
            histories.add(new SchemaHistory(schema, entry.exists(), entry.hasTable(), entry.hasOurColumns(),
                versions.getOrDefault(schema.name(), EMPTY),
                failures.getOrDefault(schema.name(), List.of()), entry.invalidIndexes(),
                need(schema, entry, catalog.summaryInstalled(), withSummary)));
        }
        return histories;
    }

    /**
     * What the schema's summary lacks: the main schema sets the summary up, every schema's history table gets the
     * trigger (once it has our columns, which the trigger reads), and a row not written by that trigger is
     * recomputed ({@code rowsRead}: known only when the rows were read).
     */
    private static SummaryNeed need(SchemaRef schema, CatalogRead.Entry entry, boolean installed, boolean rowsRead) {
        if (!installed) {
            return schema.isTenant() ? SummaryNeed.NONE : SummaryNeed.INSTALL;
        }
        if (!entry.hasTable() || !entry.hasOurColumns() || !entry.triggerRight()) {
            return SummaryNeed.ATTACH;
        }
        return rowsRead && entry.summary().isEmpty() ? SummaryNeed.REFRESH : SummaryNeed.NONE;
    }

    private static List<String> names(List<SchemaRef> schemas) {
        return schemas.stream().map(SchemaRef::name).toList();
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /**
     * Creates what {@code history}, read under the schema's lock, says is missing: the schema, its
     * history table, or our columns in a table Ecto made; then gives the summary what it lacks ({@code
     * need}: the summary itself, the trigger, a fresh row). True when it changed the schema's history.
     * {@code readOnlyRole} may not write a summary table made here.
     */
    public boolean ensure(Handle handle, SchemaHistory history, SummaryNeed need, Optional<String> readOnlyRole) {
        DSLContext dsl = HistoryTable.dsl(handle);
        boolean changed = HistoryTable.ensure(dsl, history);
        if (need == SummaryNeed.INSTALL) {
            summary.install(dsl, readOnlyRole);
        }
        if (need == SummaryNeed.INSTALL || need == SummaryNeed.ATTACH) {
            summary.attach(dsl, history.schema(), HistoryTable.TABLE);
        }
        if (need != SummaryNeed.NONE) {
            summary.refresh(dsl, history.schema());
        }
        return changed;
    }

    /** A migration that ran, and how long it took. */
    public record Applied(Migration migration, long executionMillis) {
    }

    /**
     * Renders this store's queries once without running them, so that jOOQ's first use (about a
     * thousand classes to load) can happen on another thread while a command reads its configuration.
     */
    public static void warmUp() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES, HistoryTable.SETTINGS);
        List<String> names = List.of("warm_up");
        CatalogRead.query(dsl, names, new Summary(SchemaRef.main("warm_up")), true, true).getSQL();
        HistoryBatchRead.query(dsl, names, true).getSQL();
        insert(dsl, SchemaRef.main("warm_up"), List.of()).getSQL();
    }

    /** Records migrations as applied in {@code schema}, in one statement. */
    public void recordApplied(Handle handle, SchemaRef schema, List<Applied> applied) {
        insert(HistoryTable.dsl(handle), schema, applied).execute();
    }

    private static Query insert(DSLContext dsl, SchemaRef schema, List<Applied> applied) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        var insert = dsl.insertInto(HistoryTable.in(schema))
            .columns(HistoryTable.VERSION, HistoryTable.INSERTED_AT, HistoryTable.NAME, HistoryTable.CHECKSUM,
                HistoryTable.EXECUTION_MS);
        for (Applied one : applied) {
            insert = insert.values(one.migration().version(), now, one.migration().name(), one.migration().checksum(),
                (int) Math.min(Integer.MAX_VALUE, one.executionMillis()));
        }
        return insert;
    }

    /** Records one migration as applied in {@code schema}. */
    public void recordApplied(Handle handle, SchemaRef schema, Migration migration, long executionMillis) {
        recordApplied(handle, schema, List.of(new Applied(migration, executionMillis)));
    }

    /** Sets the checksum recorded for an applied version. */
    public void recordChecksum(Handle handle, SchemaRef schema, long version, String checksum) {
        HistoryTable.dsl(handle).update(HistoryTable.in(schema)).set(HistoryTable.CHECKSUM, checksum)
            .where(HistoryTable.VERSION.eq(version)).execute();
    }

    /**
     * Records that {@code migration} failed outside a transaction in {@code schema}, with the one-line
     * error, replacing its start row. A failure table made here is only readable by {@code grantRole}.
     */
    public void recordFailure(Handle handle, SchemaRef schema, Migration migration, String error, Optional<String> grantRole) {
        handle.useTransaction(tx -> FailureTable.record(HistoryTable.dsl(tx), schema, migration, error, grantRole, summary));
    }

    /**
     * Records, committed before it runs, that {@code migration} is starting outside a transaction: if the
     * process or the server dies before it ends, the row stays, and the next run refuses the schema as for a
     * recorded failure instead of running the migration again blind.
     */
    public void recordStart(Handle handle, SchemaRef schema, Migration migration, Optional<String> grantRole) {
        recordFailure(handle, schema, migration, FailureTable.STARTED, grantRole);
    }

    /** Records a migration run outside a transaction as applied and removes its start row, in one transaction. */
    public void recordFinished(Handle handle, SchemaRef schema, Applied applied) {
        handle.useTransaction(tx -> {
            recordApplied(tx, schema, List.of(applied));
            FailureTable.forget(HistoryTable.dsl(tx), schema, applied.migration().version());
        });
    }

    /** The INVALID indexes of {@code schema}, by name, sorted: the catalog query every read makes, for one schema. */
    public List<String> invalidIndexes(Handle handle, SchemaRef schema) {
        return CatalogRead.read(HistoryTable.dsl(handle), List.of(schema.name()), summary, false, true).entry(schema.name())
            .invalidIndexes();
    }

    /** Removes every recorded failure of {@code schema}; how many there were. */
    public int clearFailures(Handle handle, SchemaRef schema) {
        return FailureTable.clear(HistoryTable.dsl(handle), schema);
    }

    /** Removes {@code versions} from the history of {@code schema}, in one statement. */
    public void recordRolledBack(Handle handle, SchemaRef schema, List<Long> versions) {
        HistoryTable.dsl(handle).deleteFrom(HistoryTable.in(schema)).where(HistoryTable.VERSION.in(versions)).execute();
    }
}
