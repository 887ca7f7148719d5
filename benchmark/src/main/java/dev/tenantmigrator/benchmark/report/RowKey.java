package dev.tenantmigrator.benchmark.report;

import dev.tenantmigrator.benchmark.Runner;

/**
 * Identifies one row: tenants, scenario, runner and its variant (concurrency, processes, sessions).
 *
 * @param tenants how many tenants
 * @param scenario the scenario's label in the table
 * @param runner the runner
 * @param variant such as {@code c1}, {@code 3 processes c1} or {@code 2 sessions}
 */
public record RowKey(int tenants, String scenario, Runner runner, String variant) {
}
