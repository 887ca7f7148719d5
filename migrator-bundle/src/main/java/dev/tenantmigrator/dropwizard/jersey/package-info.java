/** Jersey glue: a request filter that keeps requests away from tenants whose schema is behind the code. */
package dev.tenantmigrator.dropwizard.jersey;
