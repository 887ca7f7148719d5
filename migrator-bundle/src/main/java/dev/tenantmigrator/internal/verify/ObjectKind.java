package dev.tenantmigrator.internal.verify;

/**
 * The kinds of catalog objects a {@link SchemaCatalog} holds, in the order differences are reported:
 * the object a user is most likely to recognise comes first (a table before its columns, a column
 * before its default).
 */
enum ObjectKind {
    EXTENSION("extension"),
    TYPE("type"),
    TABLE("table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    SEQUENCE("sequence"),
    COLUMN("column"),
    DEFAULT("the default of column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    TRIGGER("trigger"),
    RULE("rule"),
    POLICY("policy"),
    STATISTICS("statistics object"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    COMMENT("the comment on");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    /** How a user names an object of this kind, e.g. {@code index} or {@code the default of column}. */
    String label() {
        return label;
    }
}
