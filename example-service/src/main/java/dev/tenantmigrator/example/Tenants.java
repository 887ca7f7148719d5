package dev.tenantmigrator.example;

import dev.tenantmigrator.Migrator;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The tenants of the notes service: rows in the main schema's {@code tenants} table, each with a schema of its own. */
class Tenants {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Migrator migrator;

    Tenants(Jdbi jdbi, Migrator migrator) {
        this.jdbi = jdbi;
        this.migrator = migrator;
    }

    /** The rule a slug must pass; throws a {@link dev.tenantmigrator.MigratorException} naming the slug. */
    void checkSlug(String slug) {
        migrator.checkTenantName(slug);
    }

    /**
     * Stores the tenant and migrates its schema at once; false when the slug is taken. The row
     * commits only once its schema is migrated, so a failed migration leaves no tenant behind.
     */
    boolean create(String slug) {
        checkSlug(slug);
        try {
            jdbi.useTransaction(handle -> {
                handle.createUpdate("INSERT INTO tenants (slug) VALUES (:slug)").bind("slug", slug).execute();
                migrator.upTenant(slug);
            });
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Runs {@code work} in a transaction whose search path is the tenant's schema; empty when there is no such tenant. */
    <R> Optional<R> inSchema(String slug, HandleCallback<R, RuntimeException> work) {
        return jdbi.inTransaction(handle -> {
            if (!exists(handle, slug)) {
                return Optional.empty();
            }
            // quote_ident on the server: the schema name never reaches SQL text unquoted.
            handle.createQuery("SELECT set_config('search_path', quote_ident(:slug), true)").bind("slug", slug)
                .mapTo(String.class).one();
            return Optional.ofNullable(work.withHandle(handle));
        });
    }

    private static boolean exists(Handle handle, String slug) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM tenants WHERE slug = :slug)")
            .bind("slug", slug).mapTo(Boolean.class).one();
    }
}
