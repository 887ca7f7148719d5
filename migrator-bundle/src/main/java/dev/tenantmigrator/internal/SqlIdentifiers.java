package dev.tenantmigrator.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Renders schema names for SQL; every name reaches SQL quoted, whatever checks came before. */
public final class SqlIdentifiers {
    private SqlIdentifiers() {
    }

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A quoted, comma-separated search path such as {@code "tenant_a", "public"}. */
    public static String searchPath(List<String> schemas) {
        return schemas.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
    }
}
