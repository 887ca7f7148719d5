package dev.tenantmigrator.support;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.RunReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Builds a migrator, runs {@code up}, then {@code status}, in a process of its own, so a test can
 * choose its heap; takes {@link ChildUp}'s arguments. Exits 0 only when up succeeded and status
 * then finds every schema up to date.
 */
public final class ChildUpThenStatus {

    private ChildUpThenStatus() {
    }

    public static void main(String[] args) {
        Migrator migrator = ChildUp.migrator(args);
        RunReport up = migrator.up();
        System.out.println("up: " + up.summary());
        MigrationStatus status = migrator.status();
        System.out.println("status: " + (status.upToDate() ? "up to date" : String.join(", ", status.pendingLines())));
        System.out.println("peak heap: at most " + peakHeapMegabytes() + " MB");
        System.exit(up.succeeded() && status.upToDate() ? 0 : 1);
    }

    /** The heap's pools reach their peaks at different times, so their sum bounds the real peak from above. */
    private static long peakHeapMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
