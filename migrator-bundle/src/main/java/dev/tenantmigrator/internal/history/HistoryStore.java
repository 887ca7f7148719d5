package dev.tenantmigrator.internal.history;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.SchemaRef;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

    private final int batchSize;

    /** A store reading {@link #BATCH_SIZE} schemas per query. */
    public HistoryStore() {
        this(BATCH_SIZE);
    }

    /** A store reading {@code batchSize} schemas per query. */
    public HistoryStore(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The history of each schema, in the order given, read in batches; with {@code parallelism}
     * above 1 the batches are spread over that many connections. Read-only: no lock, no write.
     */
    public List<SchemaHistory> readMany(Jdbi jdbi, List<SchemaRef> schemas, int parallelism) {
        List<List<SchemaRef>> batches = new ArrayList<>();
        for (int from = 0; from < schemas.size(); from += batchSize) {
            batches.add(schemas.subList(from, Math.min(schemas.size(), from + batchSize)));
        }
        if (parallelism <= 1 || batches.size() <= 1) {
            return jdbi.withHandle(handle -> {
                List<SchemaHistory> histories = new ArrayList<>(schemas.size());
                for (List<SchemaRef> batch : batches) {
                    histories.addAll(HistoryBatchRead.read(HistoryTable.dsl(handle), batch));
                }
                return histories;
            });
        }
        return readInParallel(jdbi, batches, Math.min(parallelism, batches.size()), schemas.size());
    }

    private static List<SchemaHistory> readInParallel(Jdbi jdbi, List<List<SchemaRef>> batches, int threads, int total) {
        ExecutorService readers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "migrator-history-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<SchemaHistory>>> reads = new ArrayList<>();
            for (List<SchemaRef> batch : batches) {
                reads.add(readers.submit(() -> jdbi.withHandle(handle -> HistoryBatchRead.read(HistoryTable.dsl(handle), batch))));
            }
            List<SchemaHistory> histories = new ArrayList<>(total);
            for (Future<List<SchemaHistory>> read : reads) {
                histories.addAll(read.get());
            }
            return histories;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigratorException("Interrupted while reading the migration histories.", e);
        } finally {
            readers.shutdownNow();
        }
    }

    /** One schema's history, read on the connection that holds its lock. */
    public SchemaHistory readLocked(Handle handle, SchemaRef schema) {
        return HistoryBatchRead.read(HistoryTable.dsl(handle), List.of(schema)).get(0);
    }

    /**
     * Creates what {@code history}, read under the schema's lock, says is missing: the schema, its
     * history table, or our columns in a table Ecto made; true when it changed anything.
     */
    public boolean ensure(Handle handle, SchemaHistory history) {
        return HistoryTable.ensure(HistoryTable.dsl(handle), history);
    }

    /** A migration that ran, and how long it took. */
    public record Applied(Migration migration, long executionMillis) {
    }

    /** Records migrations as applied in {@code schema}, in one statement. */
    public void recordApplied(Handle handle, SchemaRef schema, List<Applied> applied) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        var insert = HistoryTable.dsl(handle).insertInto(HistoryTable.in(schema))
            .columns(HistoryTable.VERSION, HistoryTable.INSERTED_AT, HistoryTable.NAME, HistoryTable.CHECKSUM,
                HistoryTable.EXECUTION_MS);
        for (Applied one : applied) {
            insert = insert.values(one.migration().version(), now, one.migration().name(), one.migration().checksum(),
                (int) Math.min(Integer.MAX_VALUE, one.executionMillis()));
        }
        insert.execute();
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

    /** Records that {@code migration} failed outside a transaction in {@code schema}, with the one-line error. */
    public void recordFailure(Handle handle, SchemaRef schema, Migration migration, String error) {
        FailureTable.record(HistoryTable.dsl(handle), schema, migration, error);
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
