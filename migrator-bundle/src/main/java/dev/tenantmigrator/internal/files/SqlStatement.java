package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.internal.Secrets;

/**
 * One statement of a migration section.
 *
 * @param sql  the statement as sent to PostgreSQL: from its first token to its last, without
 *             leading comments or the terminating semicolon
 * @param line the line it starts on, counted as the caller of {@link SqlStatements#split(String, int)}
 *             asked (for a migration file: the file's own line numbers)
 */
public record SqlStatement(String sql, int line) {

    /** Where the statement is, for messages: {@code line 4: INSERT INTO audit VALUES (1, 'x')}. */
    public String where() {
        return "line " + line + ": " + firstLine();
    }

    /**
     * The statement's first line as an {@link Excerpt} (at most 80 characters, with "..." when cut), so a
     * message stays one readable line. Passwords are masked before the cut: a literal cut open would hide
     * the rest of the message.
     */
    public String firstLine() {
        String masked = Secrets.redact(sql);
        int newline = masked.indexOf('\n');
        return Excerpt.of((newline < 0 ? masked : masked.substring(0, newline)).strip());
    }
}
