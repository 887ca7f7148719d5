package dev.tenantmigrator.dropwizard.cli;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.dropwizard.util.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A setting whose YAML value has the wrong type, said in the words of the YAML: Dropwizard's own
 * sentence names the Java type ({@code expected: StartupMode}), which a user cannot write.
 *
 * @param setting the setting's path, e.g. {@code migrator.startup}
 * @param expected what the value must be, e.g. {@code one of none, ensure-up, migrate}
 */
record MistypedSetting(String setting, String expected) {

    /** The setting Jackson could not read a value for, when the failure is one and its type is one we can describe. */
    static Optional<MistypedSetting> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
                return expected(invalid.getTargetType()).map(expected -> new MistypedSetting(path(invalid.getPath()), expected));
            }
            // A value type whose own parser refused the text, such as a duration.
            if (t instanceof ValueInstantiationException refused && refused.getType() != null) {
                return expected(refused.getType().getRawClass())
                    .map(expected -> new MistypedSetting(path(refused.getPath()), expected));
            }
        }
        return Optional.empty();
    }

    /** e.g. {@code migrator.startup must be one of none, ensure-up, migrate} */
    String sentence() {
        return setting + " must be " + expected;
    }

    private static Optional<String> expected(Class<?> type) {
        if (type.isEnum()) {
            return Optional.of("one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> yamlName((Enum<?>) constant))
                .collect(Collectors.joining(", ")));
        }
        if (List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class).contains(type)) {
            return Optional.of("a whole number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of("true or false");
        }
        if (type == Duration.class) {
            return Optional.of("a duration, such as 30s or 5 minutes");
        }
        return Optional.empty();
    }

    /** How the value is written in YAML: Dropwizard reads {@code ensure-up} as {@code ENSURE_UP}. */
    private static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code migrator.tenants[0]}: field names joined by dots, list positions in brackets. */
    private static String path(List<Reference> references) {
        StringBuilder path = new StringBuilder();
        for (Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
