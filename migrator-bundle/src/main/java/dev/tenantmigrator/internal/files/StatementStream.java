package dev.tenantmigrator.internal.files;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Splits SQL into statements as its lines arrive, by {@link SqlStatements}' rules, holding only the
 * text not yet split: the statement being read and what little follows it. A file of any size is
 * split in memory bounded by its longest statement.
 */
final class StatementStream {

    // Splitting waits for this much text, so it runs on chunks of many lines rather than on each line.
    private static final int CHUNK = 1 << 16;

    private final StringBuilder pending = new StringBuilder();
    private final Queue<SqlStatement> ready = new ArrayDeque<>();
    private int pendingLine;
    private int splitAt = CHUNK;

    /** @param firstLine the line number of the first line added */
    StatementStream(int firstLine) {
        this.pendingLine = firstLine;
    }

    /** Adds a line, without its line break; statements it ends become available. */
    void add(String line) {
        pending.append(line).append('\n');
        if (pending.length() >= splitAt) {
            split(false);
        }
    }

    /** Ends the text: the last statement becomes available even without a semicolon. */
    void end() {
        split(true);
    }

    /** The next statement read, or null when none is complete yet. */
    SqlStatement poll() {
        return ready.poll();
    }

    private void split(boolean complete) {
        SqlStatements.Resume resume = SqlStatements.split(pending.toString(), pendingLine, complete, ready::add);
        pending.delete(0, resume.offset());
        if (pending.capacity() > 4 * CHUNK && pending.length() < CHUNK) {
            pending.trimToSize(); // the room a long statement took goes back as soon as it is split off
        }
        pendingLine = resume.line();
        // A statement longer than a chunk is split again only once the text has doubled, so a long one
        // costs a few passes over it rather than one per chunk.
        splitAt = Math.max(CHUNK, 2 * pending.length());
    }
}
