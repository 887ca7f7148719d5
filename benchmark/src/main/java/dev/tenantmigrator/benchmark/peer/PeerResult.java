package dev.tenantmigrator.benchmark.peer;

/**
 * What a peer child JVM reports back in its result file.
 *
 * @param elapsedMillis the loop alone: reading the tenant list and migrating every schema
 * @param tenants how many tenants it migrated
 * @param heapPoolPeakBytes the sum of the heap pools' peaks during the loop
 */
public record PeerResult(double elapsedMillis, int tenants, long heapPoolPeakBytes) {
}
