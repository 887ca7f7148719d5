package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TenantNamesTest {

    private final TenantNames names = new TenantNames(Pattern.compile(MigratorSettings.DEFAULT_TENANT_NAME_PATTERN), "public");

    @Test
    void acceptsLowerCaseIdentifiersAndRefusesANameListedTwice() {
        assertThat(names.check(List.of("tenant_a", "_b2"))).extracting(SchemaRef::name).containsExactly("tenant_a", "_b2");
        assertThat(names.check("tenant_a").isTenant()).isTrue();
        assertThatThrownBy(() -> names.check(List.of("tenant_a", "_b2", "tenant_a")))
            .hasMessage("Tenant name 'tenant_a' is listed twice; a tenant list must name each tenant once.");
    }

    @Test
    void rejectsNamesOutsideThePatternNamingThem() {
        for (String bad : List.of("Tenant", "1abc", "a-b", "a b", "it's", "a;b", "", "public\"; DROP SCHEMA public CASCADE; --")) {
            assertThatThrownBy(() -> names.check(bad))
                .isInstanceOf(MigratorException.class)
                .hasMessage("Tenant name '" + bad + "' is not allowed: it must match [a-z_][a-z0-9_]*.");
        }
    }

    @Test
    void rejectsNamesLongerThan63Bytes() {
        String name = "a".repeat(64);
        assertThat(names.check(List.of("a".repeat(63)))).hasSize(1);
        assertThatThrownBy(() -> names.check(name)).hasMessageContaining("longer than 63 bytes");
    }

    /** A name from data may be anything: the message quotes at most 80 characters of it, escaped. */
    @Test
    void aMillionCharacterNameIsQuotedCutShort() {
        String name = "\u0000" + "A".repeat(999_999);

        assertThatThrownBy(() -> names.check(name)).hasMessage("Tenant name '\\u0000" + "A".repeat(71) + "...' (1000000 "
            + "characters) is not allowed: it must match [a-z_][a-z0-9_]*.");
    }

    @Test
    void rejectsTheMainSchemaAndSystemSchemas() {
        assertThatThrownBy(() -> names.check("public")).hasMessageContaining("it is the main schema");
        assertThatThrownBy(() -> names.check("pg_catalog")).hasMessageContaining("system schema");
        assertThatThrownBy(() -> names.check("pg_temp_1")).hasMessageContaining("system schema");
        assertThatThrownBy(() -> names.check("information_schema")).hasMessageContaining("system schema");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> names.check((String) null)).hasMessageContaining("Tenant name null is not allowed");
    }

    @Test
    void honoursACustomPattern() {
        TenantNames custom = new TenantNames(Pattern.compile("t_[0-9]+"), "app");
        assertThat(custom.check(List.of("t_1"))).extracting(SchemaRef::name).containsExactly("t_1");
        assertThatThrownBy(() -> custom.check("tenant")).hasMessageContaining("must match t_[0-9]+");
    }
}
