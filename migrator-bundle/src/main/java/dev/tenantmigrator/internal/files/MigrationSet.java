package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The migrations of one set (main or tenant), ordered by version, each version once. */
public final class MigrationSet {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final String origin;
    private final TreeMap<Long, Migration> byVersion;
    private final List<Migration> inOrder;

    private MigrationSet(String origin, TreeMap<Long, Migration> byVersion) {
        this.origin = origin;
        this.byVersion = byVersion;
        this.inOrder = List.copyOf(byVersion.values());
    }

    /**
     * Reads the SQL files of a location and adds the Java migrations; fails naming the first bad file,
     * or naming the location when the user named it and it holds no migration at all (a wrong folder
     * would otherwise pass as "nothing to migrate", and every check would say all is up to date).
     */
    public static MigrationSet load(MigrationLocation location, Collection<? extends Migration> javaMigrations) {
        Map<String, MigrationFile> files = location.sqlFiles();
        if (files.isEmpty() && javaMigrations.isEmpty() && location.isNamed()) {
            throw new MigratorException("Migration location " + location + " has no .sql migration file; a location "
                + "that is set must hold at least one (leave the setting out when there are none).");
        }
        List<Migration> migrations = new ArrayList<>();
        for (MigrationFile file : files.values()) {
            migrations.add(SqlMigrationParser.parse(file));
        }
        migrations.addAll(javaMigrations);
        return of(location.toString(), migrations);
    }

    /** A set of the given migrations; {@code origin} names where they came from in messages. */
    public static MigrationSet of(String origin, Collection<? extends Migration> migrations) {
        TreeMap<Long, Migration> byVersion = new TreeMap<>();
        for (Migration migration : migrations) {
            checkJavaMigration(migration);
            Migration earlier = byVersion.putIfAbsent(migration.version(), migration);
            if (earlier != null) {
                throw new MigratorException("Migration version " + migration.version() + " is used twice in "
                    + origin + ": by " + earlier.description() + " and by " + migration.description() + ".");
            }
        }
        return new MigrationSet(origin, byVersion);
    }

    private static void checkJavaMigration(Migration migration) {
        if (migration.version() <= 0) {
            throw new MigratorException("Migration " + migration.getClass().getName() + " has version "
                + migration.version() + "; versions must be positive.");
        }
        if (migration.name() == null || !NAME.matcher(migration.name()).matches()) {
            throw new MigratorException("Migration " + migration.getClass().getName() + " has name "
                + Excerpt.quoted(migration.name()) + "; names are letters, digits and underscores.");
        }
    }

    /** Every migration, oldest version first. */
    public List<Migration> all() {
        return inOrder;
    }

    /** Whether the set holds no migration at all. */
    public boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /** The migration with this version, if the set has one. */
    public Optional<Migration> find(long version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /**
     * Whether {@code version} is newer than every migration of the set: applied by newer code, as during a rollout
     * once the migration job has run and the old pods still serve (never so for an empty set, which knows no code).
     */
    public boolean isAhead(long version) {
        return !byVersion.isEmpty() && version > byVersion.lastKey();
    }

    /** Where the set came from, e.g. {@code classpath:db/migrations}. */
    public String origin() {
        return origin;
    }
}
