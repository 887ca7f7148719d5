/**
 * The executor: one job per schema (clean session, lock, re-read, re-plan, apply, check), worker slots, retries, the stop signal and the boundary around each operation.
 *
 * <p><b>Not API.</b> Everything under {@code dev.tenantmigrator.internal} may change in any release without
 * notice; use the types of {@code dev.tenantmigrator} and {@code dev.tenantmigrator.dropwizard} instead.
 */
package dev.tenantmigrator.internal.execute;
