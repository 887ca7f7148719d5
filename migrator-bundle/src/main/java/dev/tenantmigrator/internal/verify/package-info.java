/**
 * The round-trip check: migrations up, down and up again in a scratch schema or database, the catalog compared at every step.
 *
 * <p><b>Not API.</b> Everything under {@code dev.tenantmigrator.internal} may change in any release without
 * notice; use the types of {@code dev.tenantmigrator} and {@code dev.tenantmigrator.dropwizard} instead.
 */
package dev.tenantmigrator.internal.verify;
