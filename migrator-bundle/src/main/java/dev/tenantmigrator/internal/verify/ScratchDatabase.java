package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * A database of its own on the same server, for the main migrations: in a schema of the real
 * database they would run next to, and could reach, the real main schema. Needs {@code CREATEDB}.
 */
final class ScratchDatabase implements Scratch {

    private final Jdbi server;
    private final String name;
    private final Function<String, Jdbi> connect;

    private ScratchDatabase(Jdbi server, String name, Function<String, Jdbi> connect) {
        this.server = server;
        this.name = name;
        this.connect = connect;
    }

    /**
     * Creates it through {@code server} (a connection to the real database) and connects to it with
     * {@code connect}, which gives a Jdbi on the database of the name it is given.
     */
    static ScratchDatabase create(Jdbi server, Function<String, Jdbi> connect) {
        String name = Scratch.newName();
        try {
            server.useHandle(handle -> handle.execute("CREATE DATABASE " + SchemaRef.quote(name)));
        } catch (RuntimeException e) {
            throw new MigratorException("The scratch database " + name + " could not be created (" + Failures.rootMessage(e)
                + "); checking the main migrations in a scratch database needs a role with the CREATEDB privilege.", e);
        }
        return new ScratchDatabase(server, name, connect);
    }

    /** A Jdbi on the scratch database; asked for once it exists, inside the work that drops it after. */
    Jdbi connect() {
        return connect.apply(name);
    }

    @Override
    public String describe() {
        return "database " + name;
    }

    /** {@code WITH (FORCE)} (PostgreSQL 13) ends a session the check left open, which would otherwise keep it. */
    @Override
    public void drop() {
        try {
            server.useHandle(handle -> handle.execute("DROP DATABASE IF EXISTS " + SchemaRef.quote(name) + " WITH (FORCE)"));
        } catch (RuntimeException e) {
            throw new MigratorException("The scratch database " + name + " could not be dropped (" + Failures.rootMessage(e)
                + "); drop it by hand.", e);
        }
    }
}
