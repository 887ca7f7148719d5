package dev.tenantmigrator.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line. Every option has a default; {@link #USAGE} describes them.
 *
 * @param sizes tenant counts to run, in order
 * @param only runner and scenario names to restrict the run to (empty: everything)
 * @param runs how many times each timed scenario runs (the median is shown)
 * @param concurrencies the {@code db-up} concurrencies for from-empty and new-migration
 * @param settle the pause after dropping a big database
 * @param settleMinTenants a database of at least this many tenants counts as big
 * @param large from this size on, the starting state is built by psql and only the incremental scenarios are timed
 * @param fromEmptyAtLarge time every from-empty run at large sizes too
 * @param healthRequests how many {@code GET /healthcheck} requests to time
 * @param tuned also run every scenario of ours with the tuned JVM options ({@code ours.TunedJvm})
 * @param maxHeap {@code -Xmx} of every child JVM
 * @param jar our tool's jar
 * @param psql the psql binary
 * @param workDir where generated files go (null: a new temporary directory)
 * @param keepFiles keep the generated files and logs
 * @param timeout the time limit of one child process
 * @param readSizes tenant counts for the read scenarios alone, on a state of histories built quickly by psql
 */
public record Options(List<Integer> sizes, Set<String> only, int runs, List<Integer> concurrencies, Duration settle,
                      int settleMinTenants, int large, boolean fromEmptyAtLarge, int healthRequests, boolean tuned,
                      String maxHeap,
                      Path jar, Path psql, Path workDir, boolean keepFiles, Duration timeout, List<Integer> readSizes) {

    /** The help text. */
    public static final String USAGE = """
        usage: java -jar benchmark/target/benchmark.jar [options]

        Times our tool (example-service.jar db-up, db-ensure-up, db-status, the migrations health check)
        against Flyway, Liquibase, a plain JDBC loop and psql on one schema-per-tenant workload. Runs on
        DATABASE_URL (jdbc:postgresql://host:port/db, with DATABASE_USER and DATABASE_PASSWORD) when set,
        else on an embedded PostgreSQL; creates its own databases (bench_*) there and drops them at the end.

          --sizes 100,1000            tenant counts (default 100,1000; 10000 is supported)
          --only ours,flyway,...      runners and/or scenarios to run (default: all)
                                      runners:   ours, flyway, liquibase, jdbc, psql
                                      scenarios: up-empty, up-noop, ensure-up, status, health,
                                                 new-migration, processes, check, summary-read
          --runs N                    runs of each timed scenario, median shown (default 1)
          --concurrency 1,2,4         db-up concurrencies (default 1,2,4; only 1 while db-up lacks --concurrency)
          --settle-seconds S          pause after dropping a big database (default 60)
          --settle-min-tenants N      a database with at least N tenants is big (default 5000)
          --large N                   from N tenants on (default 10000) the starting state is built by a
                                      two-session psql replay and only the incremental scenarios are timed;
                                      flyway and liquibase run there only when --only names them
          --from-empty-at-large       at large sizes, time the from-empty runs too
          --read-sizes 30000,100000   after --sizes, tenant counts for the read scenarios alone (check, the
                                      psql read of the summary, up-noop, ensure-up, status, health) on a
                                      state built quickly by psql: every tenant's history as db-up leaves
                                      it, with its trigger, and no tenant tables (default: none)
          --health-requests N         GET /healthcheck requests to time (default 5)
          --tuned, --no-tuned         also run each scenario of ours with a tuned JVM (C1 only, Serial GC,
                                      an AppCDS archive made by a training run before any timing),
                                      as extra rows whose variant says 'tuned' (default: on)
          --xmx SIZE                  -Xmx of our tool and of the peers' JVMs (default 256m)
          --jar PATH                  our tool (default example-service/target/example-service.jar)
          --psql PATH                 psql (default /usr/bin/psql, else psql on the PATH)
          --work-dir DIR              where generated files and logs go (default: a temporary directory)
          --keep-files                keep them after the run
          --timeout-minutes M         time limit of one child process (default 120)
          --help                      this text
        """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for a bad option. */
    public static Options parse(String[] args) {
        List<Integer> sizes = List.of(100, 1000);
        Set<String> only = new LinkedHashSet<>();
        int runs = 1;
        List<Integer> concurrencies = List.of(1, 2, 4);
        int settleSeconds = 60;
        int settleMinTenants = 5000;
        int large = 10000;
        boolean fromEmptyAtLarge = false;
        int healthRequests = 5;
        boolean tuned = true;
        String maxHeap = "256m";
        Path jar = Path.of("example-service", "target", "example-service.jar");
        Path psql = defaultPsql();
        Path workDir = null;
        boolean keepFiles = false;
        int timeoutMinutes = 120;
        List<Integer> readSizes = List.of();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--sizes" -> sizes = positiveList(option, value(args, ++i, option));
                case "--only" -> only.addAll(List.of(value(args, ++i, option).split(",")));
                case "--runs" -> runs = positive(option, value(args, ++i, option));
                case "--concurrency" -> concurrencies = positiveList(option, value(args, ++i, option));
                case "--settle-seconds" -> settleSeconds = atLeastZero(option, value(args, ++i, option));
                case "--settle-min-tenants" -> settleMinTenants = positive(option, value(args, ++i, option));
                case "--large" -> large = positive(option, value(args, ++i, option));
                case "--from-empty-at-large" -> fromEmptyAtLarge = true;
                case "--health-requests" -> healthRequests = positive(option, value(args, ++i, option));
                case "--tuned" -> tuned = true;
                case "--no-tuned" -> tuned = false;
                case "--xmx" -> maxHeap = value(args, ++i, option);
                case "--jar" -> jar = Path.of(value(args, ++i, option));
                case "--psql" -> psql = Path.of(value(args, ++i, option));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, option));
                case "--keep-files" -> keepFiles = true;
                case "--timeout-minutes" -> timeoutMinutes = positive(option, value(args, ++i, option));
                case "--read-sizes" -> readSizes = positiveList(option, value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        only.removeIf(String::isBlank);
        return new Options(sizes, Set.copyOf(only), runs, concurrencies, Duration.ofSeconds(settleSeconds),
            settleMinTenants, large, fromEmptyAtLarge, healthRequests, tuned, maxHeap, jar, psql, workDir, keepFiles,
            Duration.ofMinutes(timeoutMinutes), readSizes);
    }

    /** Whether {@code args} asks for the help text. */
    public static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    private static Path defaultPsql() {
        Path usual = Path.of("/usr/bin/psql");
        if (usual.toFile().canExecute()) {
            return usual;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "psql");
            if (candidate.toFile().canExecute()) {
                return candidate;
            }
        }
        return usual;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int number = number(option, value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + value);
        }
        return number;
    }

    private static int atLeastZero(String option, String value) {
        int number = number(option, value);
        if (number < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, was " + value);
        }
        return number;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", "").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, was '" + value + "'");
        }
    }

    private static List<Integer> positiveList(String option, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                numbers.add(positive(option, part));
            }
        }
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one number");
        }
        return List.copyOf(numbers);
    }
}
