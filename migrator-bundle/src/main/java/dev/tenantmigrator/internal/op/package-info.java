/**
 * One class per operation (up, down, status, the history edits, verify), each on one context, each inside the boundary.
 *
 * <p><b>Not API.</b> Everything under {@code dev.tenantmigrator.internal} may change in any release without
 * notice; use the types of {@code dev.tenantmigrator} and {@code dev.tenantmigrator.dropwizard} instead.
 */
package dev.tenantmigrator.internal.op;
