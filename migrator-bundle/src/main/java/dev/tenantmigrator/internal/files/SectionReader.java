package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.MigratorException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The statements of one section, read from its file again when it runs: the lines before it are
 * skipped and its own are split as they are read. At the section's end its checksum is compared with
 * the one the load computed, so a file edited since fails rather than run SQL that was not checked
 * (before its last statements are sent, so a transactional section leaves nothing behind).
 */
final class SectionReader implements Iterator<SqlStatement>, AutoCloseable {

    private final MigrationFile file;
    private final SqlSection section;
    private final TextLines lines;
    private SectionText text;
    private int lineNumber;
    private boolean ended;
    private SqlStatement next;

    /** Opens the file; throws a {@link MigratorException} when it cannot be read. */
    SectionReader(MigrationFile file, SqlSection section) {
        this.file = file;
        this.section = section;
        try {
            this.lines = file.lines();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Reads on until a statement is complete or the section ends; throws when the file changed since the load. */
    @Override
    public boolean hasNext() {
        while (next == null) {
            next = text == null ? null : text.nextStatement();
            if (next == null && ended) {
                return false;
            }
            if (next == null) {
                readLine();
            }
        }
        return true;
    }

    @Override
    public SqlStatement next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SqlStatement statement = next;
        next = null;
        return statement;
    }

    private void readLine() {
        String line;
        try {
            line = lines.next();
        } catch (IOException e) {
            throw unreadable(e);
        }
        lineNumber++;
        Optional<Directive> directive = line == null ? Optional.empty() : Directive.of(line, file.where());
        if (text == null && line == null) {
            throw changed();
        }
        if (text == null) {
            directive.filter(found -> found.direction().equals(section.direction()))
                .ifPresent(found -> text = new SectionText(found, lineNumber + 1));
        } else if (line == null || directive.isPresent()) {
            ended = true;
            if (!text.end().equals(section.checksum())) {
                throw changed();
            }
        } else {
            text.add(line);
        }
    }

    private MigratorException changed() {
        return new MigratorException(file.where() + " changed after the migrator read it: its '-- migrate:"
            + section.direction() + "' section is not the one whose checksum was computed; build the migrator "
            + "again (restart the application) to run the file as it is now.");
    }

    private MigratorException unreadable(IOException e) {
        return new MigratorException(file.where() + " could not be read: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }
}
