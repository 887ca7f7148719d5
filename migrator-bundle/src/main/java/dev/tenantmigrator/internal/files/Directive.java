package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line that starts a section: {@code -- migrate:up} or {@code -- migrate:down}, optionally with
 * {@code transaction:false} (or {@code transaction:true}, the default).
 *
 * @param direction {@code up} or {@code down}
 * @param transactional whether the section runs in a transaction
 */
record Directive(String direction, boolean transactional) {

    private static final Pattern LINE = Pattern.compile("^--\\s*migrate:(\\S*)(.*)$");

    /**
     * The directive {@code line} is, or empty when it is none; throws naming the file for a
     * {@code -- migrate:} line with an unknown option or direction.
     *
     * @param where how messages name the file: {@code Migration file <name> in <location>}
     */
    static Optional<Directive> of(String line, String where) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean transactional = transactionOption(m.group(2).strip(), where, line);
        String direction = m.group(1);
        if (!direction.equals("up") && !direction.equals("down")) {
            throw new MigratorException(where + " has an unknown directive " + Excerpt.quoted(line.strip())
                + "; only '-- migrate:up' and '-- migrate:down' are known.");
        }
        return Optional.of(new Directive(direction, transactional));
    }

    private static boolean transactionOption(String options, String where, String line) {
        if (options.isEmpty() || options.equals("transaction:true")) {
            return true;
        }
        if (options.equals("transaction:false")) {
            return false;
        }
        throw new MigratorException(where + " has an unknown directive " + Excerpt.quoted(line.strip())
            + "; the only option is 'transaction:false'.");
    }
}
