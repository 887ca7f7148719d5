package dev.tenantmigrator.internal;

import dev.tenantmigrator.MigratorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a few threads of their own and waits for all of them: the one thread pool of the library
 * (the executor's workers, the parallel history reads). Threads are daemons, so a migrator never keeps a
 * JVM alive, and the pool lives only as long as the call.
 */
public final class Workers {

    private Workers() {
    }

    /**
     * The tasks' results in the tasks' order, run on at most {@code threads} threads named {@code name-1},
     * {@code name-2}, ...; on the calling thread when one thread or one task is all there is.
     *
     * @param doing what the tasks do, for the message when the wait is interrupted (e.g. {@code migrating})
     * @throws RuntimeException the first failure of a task, as it was thrown
     */
    public static <T> List<T> runAll(String name, List<Callable<T>> tasks, int threads, String doing) {
        try {
            if (threads <= 1 || tasks.size() <= 1) {
                List<T> results = new ArrayList<>(tasks.size());
                for (Callable<T> task : tasks) {
                    results.add(task.call());
                }
                return results;
            }
            AtomicInteger number = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), runnable -> {
                Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<T> results = new ArrayList<>(tasks.size());
                for (Future<T> task : pool.invokeAll(tasks)) {
                    results.add(task.get());
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigratorException("Interrupted while " + doing + ".", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
