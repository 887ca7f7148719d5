/**
 * The histories: the catalog query, batched reads of every schema's schema_migrations, and the writes of history rows, failures and start rows.
 *
 * <p><b>Not API.</b> Everything under {@code dev.tenantmigrator.internal} may change in any release without
 * notice; use the types of {@code dev.tenantmigrator} and {@code dev.tenantmigrator.dropwizard} instead.
 */
package dev.tenantmigrator.internal.history;
