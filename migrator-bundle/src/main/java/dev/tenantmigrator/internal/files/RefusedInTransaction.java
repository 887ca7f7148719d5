package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.internal.files.SqlLexer.Kind;
import dev.tenantmigrator.internal.files.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the commands PostgreSQL refuses inside a transaction block ("... cannot run inside a
 * transaction block"), so a transactional section holding one fails when the files are loaded
 * rather than in the middle of a deploy. Only the statement's code counts: words in strings,
 * quoted identifiers and comments never match. Commands whose refusal depends on the catalog
 * (DROP SUBSCRIPTION with a slot) are left to PostgreSQL.
 */
final class RefusedInTransaction {

    private static final Set<String> FALSE = Set.of("FALSE", "OFF", "0", "'FALSE'", "'OFF'", "'0'");
    /** The first words of every command recognised below. */
    private static final Set<String> FIRST_WORDS = Set.of("CREATE", "DROP", "REINDEX", "CLUSTER", "VACUUM", "ALTER", "DISCARD");

    private RefusedInTransaction() {
    }

    /** The refused command {@code statement} runs, e.g. {@code CREATE INDEX CONCURRENTLY}, or empty if it is allowed. */
    static Optional<String> command(SqlStatement statement) {
        // Any other statement, such as the one long INSERT of a data migration, is never cut into words.
        if (!FIRST_WORDS.contains(firstWord(statement.sql()))) {
            return Optional.empty();
        }
        List<String> code = code(statement.sql());
        if (startsWith(code, "CREATE", "INDEX", "CONCURRENTLY") || startsWith(code, "CREATE", "UNIQUE", "INDEX", "CONCURRENTLY")) {
            return Optional.of("CREATE INDEX CONCURRENTLY");
        }
        if (startsWith(code, "DROP", "INDEX", "CONCURRENTLY")) {
            return Optional.of("DROP INDEX CONCURRENTLY");
        }
        if (startsWith(code, "REINDEX")) {
            return reindex(code);
        }
        if (startsWith(code, "CLUSTER")) {
            return clusterWithoutTable(code) ? Optional.of("CLUSTER without a table name") : Optional.empty();
        }
        for (String command : List.of("VACUUM", "ALTER SYSTEM", "CREATE DATABASE", "DROP DATABASE", "CREATE TABLESPACE",
            "DROP TABLESPACE", "DISCARD ALL")) {
            if (startsWith(code, command.split(" "))) {
                return Optional.of(command);
            }
        }
        if (startsWith(code, "ALTER", "DATABASE") && code.size() > 4 && code.get(3).equals("SET") && code.get(4).equals("TABLESPACE")) {
            return Optional.of("ALTER DATABASE ... SET TABLESPACE");
        }
        if (startsWith(code, "ALTER", "TABLE") && code.contains("DETACH") && code.get(code.size() - 1).equals("CONCURRENTLY")) {
            return Optional.of("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
        }
        // create_slot and connect both default to true; with either set, only the server knows.
        if (startsWith(code, "CREATE", "SUBSCRIPTION") && !code.contains("CREATE_SLOT") && !code.contains("CONNECT")) {
            return Optional.of("CREATE SUBSCRIPTION (which creates a replication slot unless told not to)");
        }
        return Optional.empty();
    }

    /** REINDEX [ ( options ) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name. */
    private static Optional<String> reindex(List<String> code) {
        int i = 1;
        boolean concurrently = false;
        if (i < code.size() && code.get(i).equals("(")) {
            for (i++; i < code.size() && !code.get(i).equals(")"); i++) {
                if (code.get(i).equals("CONCURRENTLY") && (i + 1 >= code.size() || !FALSE.contains(code.get(i + 1)))) {
                    concurrently = true;
                }
            }
            i++;
        }
        String target = i < code.size() ? code.get(i) : "";
        if (concurrently || (i + 1 < code.size() && code.get(i + 1).equals("CONCURRENTLY"))) {
            return Optional.of("REINDEX CONCURRENTLY");
        }
        return Set.of("SCHEMA", "DATABASE", "SYSTEM").contains(target) ? Optional.of("REINDEX " + target) : Optional.empty();
    }

    /** CLUSTER [ VERBOSE | ( options ) ] with nothing after it reclusters every table, which needs its own transactions. */
    private static boolean clusterWithoutTable(List<String> code) {
        int next = 1;
        if (code.size() > 1 && code.get(1).equals("(")) {
            next = code.indexOf(")") + 1;
        } else if (code.size() > 1 && code.get(1).equals("VERBOSE")) {
            next = 2;
        }
        return next > 0 && next >= code.size();
    }

    private static boolean startsWith(List<String> code, String... words) {
        return code.size() >= words.length && code.subList(0, words.length).equals(List.of(words));
    }

    /** The statement's first token upper-cased; a statement starts with its first code token. */
    private static String firstWord(String sql) {
        Iterator<Token> tokens = SqlLexer.tokens(sql).iterator();
        return tokens.hasNext() ? tokens.next().text(sql).toUpperCase(Locale.ROOT) : "";
    }

    /** The statement's code tokens, words upper-cased; strings and quoted identifiers keep their quotes, so never equal a word. */
    private static List<String> code(String sql) {
        List<String> code = new ArrayList<>();
        for (Token token : SqlLexer.tokens(sql)) {
            if (token.isCode()) {
                String text = token.text(sql);
                code.add(token.kind() == Kind.WORD || token.kind() == Kind.QUOTED ? text.toUpperCase(Locale.ROOT) : text);
            }
        }
        return code;
    }
}
