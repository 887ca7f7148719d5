package dev.tenantmigrator.support;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RunReport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;

/** Several migrators' {@code up()} started at one instant, as the pods of a deploy start. */
public final class UpsTogether {

    private UpsTogether() {
    }

    /**
     * Starts {@code processes} migrators' up(), each on a pool of its own from {@code pool} as a pod has, and waits
     * for all to succeed; their reports.
     */
    public static List<RunReport> run(Supplier<Jdbi> pool, MigratorSettings settings, int processes) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(processes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<RunReport>> runs = IntStream.range(0, processes)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    Migrator migrator = new Migrator(pool.get(), settings);
                    Await.untilOpen(start);
                    return migrator.up();
                }, threads))
                .toList();
            start.countDown();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            return runs.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }
}
