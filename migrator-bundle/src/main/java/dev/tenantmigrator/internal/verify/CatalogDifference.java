package dev.tenantmigrator.internal.verify;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One object whose definition is not what it should be, in words a user reads in the check's one
 * failure sentence.
 *
 * @param object the object
 * @param expected its definition in the catalog it should match; empty when it should not exist
 * @param actual its definition now; empty when it does not exist
 */
record CatalogDifference(SchemaObject object, Optional<String> expected, Optional<String> actual) {

    /** Longer definitions (a function body, an index) are not quoted: the sentence would drown in them. */
    private static final int QUOTABLE = 60;

    /**
     * After a migration was rolled back, compared with the catalog before it was applied;
     * {@code afterUp} (the catalog right after it was applied) tells a leftover from something new.
     */
    String afterRollback(SchemaCatalog afterUp) {
        if (expected.isEmpty()) {
            return afterUp.contains(object) ? object.label() + " is still there after it was rolled back"
                : object.label() + " is there after it was rolled back but was not before it was applied";
        }
        if (actual.isEmpty()) {
            return object.label() + " is gone after it was rolled back but was there before it was applied";
        }
        return changed("after it was rolled back", "before it was applied");
    }

    /** After a migration was applied a second time, compared with the catalog after its first time. */
    String afterReapplying() {
        if (expected.isEmpty()) {
            return object.label() + " is there after it was applied again but was not after it was first applied";
        }
        if (actual.isEmpty()) {
            return object.label() + " was there after it was first applied but is not after it was applied again";
        }
        return changed("after it was applied again", "after it was first applied");
    }

    private String changed(String now, String then) {
        String is = actual.orElseThrow();
        String was = expected.orElseThrow();
        if (quotable(is) && quotable(was)) {
            return object.label() + " is " + is + " " + now + " but was " + was + " " + then;
        }
        return "the definition of " + object.label() + " " + now + " differs from the one " + then;
    }

    private static boolean quotable(String definition) {
        return !definition.isEmpty() && definition.length() <= QUOTABLE && definition.lines().count() == 1;
    }

    /**
     * The first of {@code differences} in {@code words}, with a count of the others, e.g.
     * {@code index x is still there after it was rolled back (and 2 other differences)}.
     */
    static String describe(List<CatalogDifference> differences, Function<CatalogDifference, String> words) {
        String first = words.apply(differences.get(0));
        int others = differences.size() - 1;
        return others == 0 ? first : first + " (and " + others + (others == 1 ? " other difference)" : " other differences)");
    }
}
