package dev.tenantmigrator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PgBouncer in front of one test database, as a service on Kubernetes reaches PostgreSQL: the
 * {@code pgbouncer} binary (Debian's package) started on a free local port, with its own configuration
 * in a temporary folder, logging in to the database as the test database's user. Clients log in to it
 * with any user and no password. Stopped, and its folder deleted, on {@link #close()}.
 */
public final class PgBouncer implements AutoCloseable {

    /** PgBouncer's {@code pool_mode}: when a server connection goes back to the pool. */
    public enum PoolMode {
        /** When the client disconnects: every client connection is a session of its own. */
        SESSION,
        /** After every transaction: consecutive transactions of one client may run on different server connections. */
        TRANSACTION
    }

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)(\\?.*)?");
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
        Path.of("/usr/local/bin/pgbouncer"), Path.of("/usr/local/sbin/pgbouncer"));
    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final Process process;
    private final Path folder;
    private final String url;

    private PgBouncer(Process process, Path folder, String url) {
        this.process = process;
        this.folder = folder;
        this.url = url;
    }

    /** The {@code pgbouncer} binary, when installed ({@code apt-get install pgbouncer}). */
    public static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .filter(folder -> !folder.isEmpty()).map(folder -> Path.of(folder, "pgbouncer"));
        return Stream.concat(onPath, SEARCHED.stream()).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a PgBouncer in front of {@code database} pooling in {@code mode} with {@code poolSize} server
     * connections at most, and waits until it accepts connections.
     *
     * @throws IllegalStateException when PgBouncer is not installed or does not start
     */
    public static PgBouncer start(TestDatabase database, PoolMode mode, int poolSize) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("pgbouncer is not installed (apt-get install pgbouncer)"));
        Matcher target = URL.matcher(database.url());
        if (!target.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL with host and database: " + database);
        }
        int port = freePort();
        try {
            Path folder = Files.createTempDirectory("pgbouncer");
            // PgBouncer refuses to run as root, and drops to another user (-u) that must read its folder.
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path ini = folder.resolve("pgbouncer.ini");
            Files.writeString(ini, ini(target, database, mode, poolSize, port), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(ini, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", unprivilegedUser()));
            }
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("pgbouncer.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, folder,
                "jdbc:postgresql://127.0.0.1:" + port + "/" + target.group(3) + Optional.ofNullable(target.group(4)).orElse(""));
            bouncer.awaitListening(port);
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ini(Matcher target, TestDatabase database, PoolMode mode, int poolSize, int port) {
        String password = database.password() == null || database.password().isEmpty() ? ""
            : " password='" + database.password().replace("'", "''") + "'";
        return "[databases]\n"
            + target.group(3) + " = host=" + target.group(1) + " port=" + Optional.ofNullable(target.group(2)).orElse("5432")
            + " dbname=" + target.group(3) + " user=" + database.user() + password + "\n"
            + "[pgbouncer]\n"
            + "listen_addr = 127.0.0.1\n"
            + "listen_port = " + port + "\n"
            + "unix_socket_dir =\n"
            + "auth_type = any\n"
            + "pool_mode = " + mode.name().toLowerCase(Locale.ROOT) + "\n"
            + "default_pool_size = " + poolSize + "\n"
            + "max_client_conn = 500\n"
            // pgjdbc sends it at login; PgBouncer refuses a login with a parameter it does not know.
            + "ignore_startup_parameters = extra_float_digits\n"
            + "query_wait_timeout = 60\n";
    }

    /** The user PgBouncer drops to when started as root: postgres where PostgreSQL's packages made it, else nobody. */
    private static String unprivilegedUser() {
        try (Stream<String> users = Files.lines(Path.of("/etc/passwd"))) {
            return users.anyMatch(line -> line.startsWith("postgres:")) ? "postgres" : "nobody";
        } catch (IOException e) {
            return "nobody";
        }
    }

    private static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = log();
                    close();
                    throw new IllegalStateException("PgBouncer did not start: " + log);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PgBouncer started", e);
            }
        }
    }

    /** The JDBC URL of the database through this PgBouncer; any user, no password. */
    public String url() {
        return url;
    }

    /** What PgBouncer wrote to its log so far. */
    public String log() {
        try {
            return Files.readString(folder.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops PgBouncer (ending every connection through it) and deletes its folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // A leftover temporary folder: nothing to fail a test for.
        }
    }
}
