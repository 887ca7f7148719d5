package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A folder of SQL migration files: {@code classpath:<path>} (a folder on the class path, in a
 * directory or a jar) or {@code filesystem:<path>}. Only the folder's own {@code .sql} files count.
 */
public final class MigrationLocation {

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private final String location;
    private final boolean named;

    /**
     * @param location the location as configured
     * @param named whether the user named the location, which must then exist and hold a migration
     *     (false for the default one, which an application without tenants may lack)
     */
    public MigrationLocation(String location, boolean named) {
        this.location = location;
        this.named = named;
        if (!location.startsWith(CLASSPATH) && !location.startsWith(FILESYSTEM)) {
            throw new MigratorException("Migration location " + Excerpt.quoted(location)
                + " must start with 'classpath:' or 'filesystem:'.");
        }
    }

    /** The {@code .sql} files in the folder, by file name; none is read yet. */
    public Map<String, MigrationFile> sqlFiles() {
        try {
            if (location.startsWith(FILESYSTEM)) {
                return readDirectory(Paths.get(location.substring(FILESYSTEM.length())));
            }
            return readClasspath(location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", ""));
        } catch (IOException | UncheckedIOException e) {
            throw new MigratorException("Migration location " + location + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Whether the user named this location: it must then exist and hold a migration; the default may be absent or empty. */
    public boolean isNamed() {
        return named;
    }

    private Map<String, MigrationFile> readDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return missing();
        }
        Map<String, MigrationFile> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".sql") && Files.isRegularFile(file)) {
                    files.put(fileName, MigrationFile.inDirectory(file, location));
                }
            }
        }
        return files;
    }

    private Map<String, MigrationFile> readClasspath(String path) throws IOException {
        ClassLoader loader = classLoader();
        Map<String, MigrationFile> files = new TreeMap<>();
        boolean found = false;
        for (URL url : Collections.list(loader.getResources(path))) {
            found = true;
            if (url.getProtocol().equals("file")) {
                files.putAll(readDirectory(toPath(url)));
            } else if (url.getProtocol().equals("jar")) {
                files.putAll(readJarFolder(url, path));
            } else {
                throw new MigratorException("Migration location " + location + " is in a " + url.getProtocol()
                    + ": resource, which cannot be listed; use a directory or a jar.");
            }
        }
        return found ? files : missing();
    }

    private Map<String, MigrationFile> readJarFolder(URL folder, String path) throws IOException {
        Map<String, MigrationFile> files = new TreeMap<>();
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String prefix = path + "/";
            for (JarEntry entry : Collections.list(jar.entries())) {
                String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
                if (rest.endsWith(".sql") && !rest.contains("/") && !entry.isDirectory()) {
                    // The folder's URL is encoded as the jar: handler expects; a file is only opened once its name
                    // has passed MigrationFileName (letters, digits, underscores), which needs no encoding.
                    URL file = new URL(folder.toExternalForm().replaceAll("/+$", "") + "/" + rest);
                    files.put(rest, MigrationFile.inJar(file, rest, location));
                }
            }
        }
        return files;
    }

    private static Path toPath(URL url) {
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("class path URL " + url + " is not a valid URI", e);
        }
    }

    private Map<String, MigrationFile> missing() {
        if (named) {
            throw new MigratorException("Migration location " + location + " does not exist.");
        }
        return Map.of();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : MigrationLocation.class.getClassLoader();
    }

    @Override
    public String toString() {
        return location;
    }
}
