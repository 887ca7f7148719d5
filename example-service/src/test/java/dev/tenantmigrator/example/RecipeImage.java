package dev.tenantmigrator.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/kubernetes/Dockerfile: the image the recipe's pods run ({@code docker build ... -t TAG} in its comment),
 * where it puts each file it copies from the repository, and the entry point a container's args follow.
 */
record RecipeImage(String tag, Map<String, String> sourceByDestination, List<String> entrypoint) {

    static final Path DOCKERFILE = RecipeManifests.DIR.resolve("Dockerfile");

    private static final Pattern TAG = Pattern.compile("^#.*docker build .*-t (\\S+)");
    private static final Pattern COPY = Pattern.compile("^COPY (\\S+) (\\S+)$");
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT (\\[.*])$");

    static RecipeImage read() {
        String tag = null;
        Map<String, String> copies = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        for (String line : lines()) {
            Matcher match;
            if ((match = TAG.matcher(line)).find()) {
                tag = match.group(1);
            } else if ((match = COPY.matcher(line)).matches()) {
                copies.put(match.group(2), match.group(1));
            } else if ((match = ENTRYPOINT.matcher(line)).matches()) {
                entrypoint = jsonArray(match.group(1));
            }
        }
        return new RecipeImage(tag, copies, entrypoint);
    }

    /** The path the entry point's {@code -jar} runs. */
    String jar() {
        int jar = entrypoint.indexOf("-jar");
        return jar < 0 || jar + 1 >= entrypoint.size() ? null : entrypoint.get(jar + 1);
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(DOCKERFILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jsonArray(String json) {
        try {
            return List.of(new ObjectMapper().readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("ENTRYPOINT is not a JSON array: " + json, e);
        }
    }
}
