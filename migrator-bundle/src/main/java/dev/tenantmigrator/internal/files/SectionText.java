package dev.tenantmigrator.internal.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The text of one section as its lines are read, none of it kept: each line goes to the section's
 * checksum and to a {@link StatementStream}, whose statements the reader takes as they complete.
 */
final class SectionText {

    private final MessageDigest digest;
    private final StatementStream statements;
    private long chars;

    /**
     * @param directive the line that starts the section
     * @param firstLine the file line after the directive's
     */
    SectionText(Directive directive, int firstLine) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        digest.update((directive.transactional() ? "transactional\n" : "transaction:false\n").getBytes(StandardCharsets.UTF_8));
        statements = new StatementStream(firstLine);
    }

    /** Adds a line of the section, without its line break. */
    void add(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        statements.add(line);
        chars += line.length() + 1;
    }

    /** The next complete statement, or null when none is complete yet. */
    SqlStatement nextStatement() {
        return statements.poll();
    }

    /**
     * Ends the section, making its last statement available, and gives its checksum: SHA-256 of the
     * section as it runs, that is whether it is transactional and its text with every line ending read
     * as {@code \n}, so a checkout with CRLF line endings matches one with LF. A migration's checksum
     * is that of its up section: editing the down section does not change what was applied.
     */
    String end() {
        statements.end();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The length of the text added so far, in characters. */
    long chars() {
        return chars;
    }
}
