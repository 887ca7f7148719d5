package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * A tenant-like schema of its own for the tenant migrations: the runner treats it as a tenant (the
 * main schema second on its search path), and no tenant can have its name.
 */
final class ScratchSchema implements Scratch {

    private final Jdbi jdbi;
    private final SchemaRef schema;

    private ScratchSchema(Jdbi jdbi, SchemaRef schema) {
        this.jdbi = jdbi;
        this.schema = schema;
    }

    /** Creates it, under a name that passes the default tenant name rule whatever rule the application has. */
    static ScratchSchema create(Jdbi jdbi, SchemaRef mainSchema) {
        SchemaRef schema = new TenantNames(Pattern.compile(MigratorSettings.DEFAULT_TENANT_NAME_PATTERN), mainSchema.name())
            .check(Scratch.newName());
        try {
            jdbi.useHandle(handle -> handle.execute("CREATE SCHEMA " + schema.quoted()));
        } catch (RuntimeException e) {
            throw new MigratorException("The scratch schema " + schema + " could not be created: " + Failures.rootMessage(e),
                e);
        }
        return new ScratchSchema(jdbi, schema);
    }

    /** The schema, as the runner takes it. */
    SchemaRef schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "schema " + schema;
    }

    @Override
    public void drop() {
        try {
            jdbi.useHandle(handle -> handle.execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE"));
        } catch (RuntimeException e) {
            throw new MigratorException("The scratch schema " + schema + " could not be dropped (" + Failures.rootMessage(e)
                + "); drop it by hand.", e);
        }
    }
}
