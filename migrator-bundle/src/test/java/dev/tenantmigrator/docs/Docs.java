package dev.tenantmigrator.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Markdown files, found from the working directory. */
final class Docs {

    private Docs() {
    }

    /** The nearest folder, from the working directory up, that holds README.md and docs/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("README.md")) && Files.isDirectory(at.resolve("docs"))) {
                return at;
            }
        }
        throw new IllegalStateException("No folder with README.md and docs/ above " + dir);
    }

    /** README.md, CHANGELOG.md, docs/*.md and benchmark/README.md, those that exist. */
    static List<Path> markdownFiles() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        for (String name : List.of("README.md", "CHANGELOG.md", "benchmark/README.md")) {
            if (Files.isRegularFile(root.resolve(name))) {
                files.add(root.resolve(name));
            }
        }
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
