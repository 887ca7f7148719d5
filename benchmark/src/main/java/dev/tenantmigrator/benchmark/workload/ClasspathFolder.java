package dev.tenantmigrator.benchmark.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the files of one resource folder, whether the classes run from a directory or from the benchmark jar. */
final class ClasspathFolder {

    private ClasspathFolder() {
    }

    /** The {@code .sql} files directly in {@code folder}, by name, in name order. */
    static Map<String, String> sqlFiles(String folder) {
        URL url = ClasspathFolder.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("resource folder " + folder + " is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if (!uri.getScheme().equals("jar")) {
                return read(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.getPath(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("resource folder " + folder + " has no usable address: " + url, e);
        }
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                String name = file.getFileName().toString().replace("/", "");
                if (name.endsWith(".sql")) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
