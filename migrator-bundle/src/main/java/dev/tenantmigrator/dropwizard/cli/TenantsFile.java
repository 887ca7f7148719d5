package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenants a {@code --tenants-from FILE} names, e.g. the canaries of a deploy: one name a line, the
 * space around it dropped; blank lines and lines starting with {@code #} are skipped; {@code -} reads
 * standard input. Every entry keeps its line number, so a bad one is named by file and line, and
 * quoted as an {@link Excerpt}: the file may be anything, such as a binary or {@code /proc/self/environ}.
 */
final class TenantsFile {

    /** The name {@code -} stands for in messages. */
    static final String STDIN = "stdin";

    /** 64 MB: a million tenants of the longest names, one a line. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    /** One name and the line it is on, counted from 1. */
    record Entry(String name, int line) {
    }

    private final String label;
    private final List<Entry> entries;

    private TenantsFile(String label, List<Entry> entries) {
        this.label = label;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the file {@code argument} names, or {@code stdin} for {@code -}.
     *
     * @throws MigratorException in one sentence naming the file when it is missing, unreadable, too large,
     *     not UTF-8 (with the line) or names no tenant
     */
    static TenantsFile read(String argument, InputStream stdin) {
        boolean fromStdin = argument.equals("-");
        String label = fromStdin ? STDIN : argument;
        byte[] bytes;
        try {
            bytes = fromStdin ? stdin.readNBytes(MAX_BYTES + 1) : readFile(Path.of(argument));
        } catch (NoSuchFileException e) {
            throw new MigratorException("Tenants file " + label + " does not exist.");
        } catch (FileSystemException e) {
            // Its message repeats the path; the reason alone reads better after the label.
            throw new MigratorException("Tenants file " + label + " could not be read: " + e.getReason() + ".");
        } catch (IOException e) {
            throw new MigratorException("Tenants file " + label + " could not be read: " + e.getMessage() + ".");
        }
        // A device such as /dev/zero never ends; no list of tenants comes near this.
        if (bytes.length > MAX_BYTES) {
            throw new MigratorException("Tenants file " + label + " is larger than " + MAX_BYTES / (1024 * 1024)
                + " MB; a tenants file names tenants, one a line.");
        }
        List<String> lines = Utf8Text.decode(bytes, "Tenants file " + label).lines().toList();
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String name = lines.get(index).strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                entries.add(new Entry(name, index + 1));
            }
        }
        // No names would mean "every tenant" to the commands: a canary list emptied by mistake must not.
        if (entries.isEmpty()) {
            throw new MigratorException("Tenants file " + label + " names no tenant; give at least one name, one a line.");
        }
        return new TenantsFile(label, entries);
    }

    private static byte[] readFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_BYTES + 1);
        }
    }

    /** The names, in the file's order. */
    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * Checks every entry by the tenant name rule, then against the tenant list (when it can be read
     * now), before anything changes; a failure names the file and the line.
     */
    void check(Migrator migrator) {
        for (Entry entry : entries) {
            try {
                migrator.checkTenantName(entry.name());
            } catch (MigratorException e) {
                throw new MigratorException(where(entry) + ": " + e.getMessage(), e);
            }
        }
        migrator.unknownTenants(names()).flatMap(unknown -> unknown.stream().findFirst()).ifPresent(name -> {
            Entry entry = entries.stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
            throw new MigratorException(where(entry) + ": Tenant " + Excerpt.quoted(name) + " is not a known tenant; known tenants come "
                + "from the tenant source.");
        });
    }

    private String where(Entry entry) {
        return label + " line " + entry.line();
    }
}
