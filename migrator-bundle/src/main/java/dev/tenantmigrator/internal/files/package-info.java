/**
 * The migration sets: files and Java migrations found, read as streams, checked, split into statements.
 *
 * <p><b>Not API.</b> Everything under {@code dev.tenantmigrator.internal} may change in any release without
 * notice; use the types of {@code dev.tenantmigrator} and {@code dev.tenantmigrator.dropwizard} instead.
 */
package dev.tenantmigrator.internal.files;
