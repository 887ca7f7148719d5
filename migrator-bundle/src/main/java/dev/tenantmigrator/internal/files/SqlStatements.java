package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.internal.files.SqlLexer.Kind;
import dev.tenantmigrator.internal.files.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Splits SQL into statements the way psql does: a semicolon ends a statement unless it is inside
 * quotes, a dollar-quoted body, a comment, parentheses or a SQL-standard function body
 * ({@code CREATE FUNCTION ... BEGIN ATOMIC ... END}, PostgreSQL 14+). Every section of a migration
 * file runs through this one splitter, so each statement can be sent, and blamed, on its own.
 */
public final class SqlStatements {

    private static final Set<String> ROUTINES = Set.of("FUNCTION", "PROCEDURE");

    private SqlStatements() {
    }

    /** The statements of {@code sql}, numbering its first line 1; see {@link #split(String, int)}. */
    public static List<SqlStatement> split(String sql) {
        return split(sql, 1);
    }

    /**
     * The statements of {@code sql}, each without leading comments and its terminating semicolon,
     * and with the line it starts on, counting {@code sql}'s first line as {@code firstLine}
     * (the parser passes the file line a section starts on). Empty statements are dropped.
     */
    public static List<SqlStatement> split(String sql, int firstLine) {
        List<SqlStatement> statements = new ArrayList<>();
        split(sql, firstLine, true, statements::add);
        return statements;
    }

    /**
     * Where the splitting of a text that goes on resumes: the first character that may still belong
     * to a statement, and its line.
     */
    record Resume(int offset, int line) {
    }

    /**
     * Gives {@code out} the statements of {@code sql} in order, as {@link #split(String, int)} finds
     * them. When {@code complete} is false, more text follows: a statement no semicolon has ended yet
     * is not given, nor is the last token between statements (more of it may follow); the text from
     * the returned point on must be split again with what follows. A statement ends on a semicolon
     * token, which nothing after it can change, so the split of the rest is that of the whole text.
     */
    static Resume split(String sql, int firstLine, boolean complete, Consumer<SqlStatement> out) {
        int line = firstLine;
        int resumeOffset = 0;
        int resumeLine = firstLine;
        Unfinished current = null;
        for (Token token : SqlLexer.tokens(sql)) {
            if (current == null) {
                resumeOffset = token.start();
                resumeLine = line;
            }
            if (token.isCode()) {
                if (current == null && !isSemicolon(sql, token)) {
                    current = new Unfinished(token.start(), line);
                }
                if (current != null && !current.accept(sql, token)) {
                    out.accept(current.statement(sql));
                    current = null;
                    resumeOffset = token.end();
                    resumeLine = line;
                }
            }
            line += newlines(sql, token);
        }
        if (!complete) {
            return new Resume(resumeOffset, resumeLine);
        }
        if (current != null) {
            out.accept(current.statement(sql));
        }
        return new Resume(sql.length(), line);
    }

    private static boolean isSemicolon(String sql, Token token) {
        return token.kind() == Kind.SYMBOL && sql.charAt(token.start()) == ';';
    }

    private static int newlines(String sql, Token token) {
        int count = 0;
        for (int i = token.start(); i < token.end(); i++) {
            if (sql.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** A statement being read: where it starts, and whether a semicolon would end it yet. */
    private static final class Unfinished {
        private final int start;
        private final int line;
        private final List<String> head = new ArrayList<>(4);
        private int end;
        private int parentheses;
        private boolean inAtomicBody;
        private int openCases;
        private String previous = "";

        Unfinished(int start, int line) {
            this.start = start;
            this.line = line;
        }

        /** Takes the next code token; false when it is the semicolon that ends the statement. */
        boolean accept(String sql, Token token) {
            boolean word = token.kind() == Kind.WORD;
            String text = word ? token.text(sql).toUpperCase(Locale.ROOT) : token.text(sql);
            if (text.equals(";") && parentheses == 0 && !inAtomicBody) {
                return false;
            }
            if (text.equals("(")) {
                parentheses++;
            } else if (text.equals(")") && parentheses > 0) {
                parentheses--;
            }
            if (word && !isLabel()) {
                trackAtomicBody(text);
            }
            if (head.size() < 4) {
                head.add(word ? text : "");
            }
            previous = text;
            end = token.end();
            return true;
        }

        /**
         * A body ends at the END that closes it, so the CASE expressions inside it are counted; they
         * are the only other construct a body's SQL statements close with END.
         */
        private void trackAtomicBody(String word) {
            if (!inAtomicBody) {
                inAtomicBody = word.equals("ATOMIC") && previous.equals("BEGIN") && definesRoutine();
            } else if (word.equals("CASE")) {
                openCases++;
            } else if (word.equals("END")) {
                if (openCases > 0) {
                    openCases--;
                } else {
                    inAtomicBody = false;
                }
            }
        }

        /** After AS or a dot, even a reserved word is a name ({@code SELECT 1 AS end}, {@code t.case}). */
        private boolean isLabel() {
            return previous.equals("AS") || previous.equals(".");
        }

        /** BEGIN ATOMIC only opens a body in CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
        private boolean definesRoutine() {
            return head.size() >= 2 && head.get(0).equals("CREATE")
                && (ROUTINES.contains(head.get(1))
                    || head.size() >= 4 && head.get(1).equals("OR") && head.get(2).equals("REPLACE") && ROUTINES.contains(head.get(3)));
        }

        SqlStatement statement(String sql) {
            return new SqlStatement(sql.substring(start, end), line);
        }
    }
}
