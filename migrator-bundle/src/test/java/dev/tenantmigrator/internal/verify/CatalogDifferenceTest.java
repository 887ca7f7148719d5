package dev.tenantmigrator.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CatalogDifferenceTest {

    private static final SchemaObject INDEX = new SchemaObject(ObjectKind.INDEX, "notes_body");
    private static final SchemaObject COLUMN = new SchemaObject(ObjectKind.COLUMN, "notes.body");
    private static final SchemaObject FUNCTION = new SchemaObject(ObjectKind.FUNCTION, "f()");

    private static SchemaCatalog catalog(Map<SchemaObject, String> objects) {
        return new SchemaCatalog(new TreeMap<>(objects));
    }

    private static CatalogDifference difference(SchemaObject object, String expected, String actual) {
        return new CatalogDifference(object, Optional.ofNullable(expected), Optional.ofNullable(actual));
    }

    @Test
    void aLeftoverOfTheUpIsStillThereAndSomethingNewIsNamedAsNew() {
        SchemaCatalog afterUp = catalog(Map.of(INDEX, "CREATE INDEX notes_body ON notes USING btree (body)"));

        assertThat(difference(INDEX, null, "def").afterRollback(afterUp))
            .isEqualTo("index notes_body is still there after it was rolled back");
        assertThat(difference(INDEX, null, "def").afterRollback(catalog(Map.of())))
            .isEqualTo("index notes_body is there after it was rolled back but was not before it was applied");
        assertThat(difference(INDEX, "def", null).afterRollback(afterUp))
            .isEqualTo("index notes_body is gone after it was rolled back but was there before it was applied");
    }

    @Test
    void aShortDefinitionIsQuotedAndAFunctionBodyIsNot() {
        assertThat(difference(COLUMN, "text null", "text not null").afterReapplying()).isEqualTo(
            "column notes.body is text not null after it was applied again but was text null after it was first applied");
        CatalogDifference body = difference(FUNCTION, "CREATE FUNCTION f()\n RETURNS int", "CREATE FUNCTION f()\n RETURNS bigint");
        assertThat(body.afterRollback(catalog(Map.of()))).isEqualTo(
            "the definition of function f() after it was rolled back differs from the one before it was applied");
    }

    @Test
    void theFirstDifferenceIsToldWithACountOfTheOthers() {
        List<CatalogDifference> differences = List.of(difference(COLUMN, null, "text null"), difference(INDEX, null, "def"),
            difference(FUNCTION, null, "def"));

        assertThat(CatalogDifference.describe(differences, CatalogDifference::afterReapplying)).isEqualTo(
            "column notes.body is there after it was applied again but was not after it was first applied "
                + "(and 2 other differences)");
        assertThat(CatalogDifference.describe(differences.subList(0, 2), CatalogDifference::afterReapplying))
            .endsWith("(and 1 other difference)");
    }
}
