package dev.tenantmigrator.benchmark.report;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Joins optional note fragments with "; ". */
public final class Notes {

    private Notes() {
    }

    /** The non-null, non-blank parts joined, or null when there are none. */
    public static String join(String... parts) {
        String joined = Stream.of(parts).filter(Objects::nonNull).filter(p -> !p.isBlank()).distinct()
            .collect(Collectors.joining("; "));
        return joined.isEmpty() ? null : joined;
    }
}
