package dev.tenantmigrator.benchmark.workload;

/** Quoting for the SQL the benchmark writes itself. */
public final class Sql {

    private Sql() {
    }

    /** {@code name} as a quoted identifier. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code value} as a string literal. */
    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** {@code SET LOCAL search_path} to a tenant schema, then the main schema. */
    public static String searchPathTo(String schema) {
        return "SET LOCAL search_path TO " + identifier(schema)
            + (schema.equals(Workload.MAIN_SCHEMA) ? "" : ", " + identifier(Workload.MAIN_SCHEMA)) + ";";
    }
}
