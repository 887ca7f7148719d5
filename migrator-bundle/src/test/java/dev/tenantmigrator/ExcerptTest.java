package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A value a message quotes: escaped, and cut to 80 characters with its length said. */
class ExcerptTest {

    @Test
    void aShortValueIsQuotedAsItIs() {
        assertThat(Excerpt.quoted("acme")).isEqualTo("'acme'");
        assertThat(Excerpt.quoted("x'); DROP TABLE tenants; --")).isEqualTo("'x'); DROP TABLE tenants; --'");
        assertThat(Excerpt.quoted("")).isEqualTo("''");
        assertThat(Excerpt.quoted(null)).isEqualTo("null");
    }

    @Test
    void controlAndInvisibleCharactersAreEscaped() {
        assertThat(Excerpt.quoted("a\tb\r\nc\u0000d\u001b[31m\u007f\u0085"))
            .isEqualTo("'a\\tb\\r\\nc\\u0000d\\u001B[31m\\u007F\\u0085'");
        assertThat(Excerpt.quoted("\ufefftenant_a\u200b\u202e\u2028")).isEqualTo("'\\uFEFFtenant_a\\u200B\\u202E\\u2028'");
        assertThat(Excerpt.of("caf\u00e9 \ud83d\ude00 \u0416")).isEqualTo("caf\u00e9 \ud83d\ude00 \u0416");
    }

    @Test
    void aLongValueIsCutTo80CharactersAndItsLengthSaid() {
        assertThat(Excerpt.quoted("t".repeat(80))).isEqualTo("'" + "t".repeat(80) + "'");
        assertThat(Excerpt.quoted("t".repeat(81))).isEqualTo("'" + "t".repeat(77) + "...' (81 characters)");
        assertThat(Excerpt.quoted("t".repeat(1_000_000))).isEqualTo("'" + "t".repeat(77) + "...' (1000000 characters)");
        assertThat(Excerpt.of("t".repeat(1_000_000))).isEqualTo("t".repeat(77) + "...");
    }

    /** What is shown counts escapes at their escaped length, and never ends inside one or inside a surrogate pair. */
    @Test
    void aCutNeverSplitsAnEscapeOrACharacter() {
        assertThat(Excerpt.of("a".repeat(75) + "\u0000" + "b".repeat(10))).isEqualTo("a".repeat(75) + "...");
        assertThat(Excerpt.of("\u0000".repeat(20))).isEqualTo("\\u0000".repeat(12) + "...");
        assertThat(Excerpt.of("a".repeat(75) + "\ud83d\ude00" + "b".repeat(10))).isEqualTo("a".repeat(75) + "\ud83d\ude00...");
        assertThat(Excerpt.of("a".repeat(76) + "\ud83d\ude00" + "b".repeat(10))).isEqualTo("a".repeat(76) + "...");
    }
}
