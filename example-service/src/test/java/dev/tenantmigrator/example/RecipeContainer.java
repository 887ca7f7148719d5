package dev.tenantmigrator.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantmigrator.example.RecipeManifests.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One container of a workload in the recipe: its image, arguments, environment and ports as Kubernetes resolves them. */
record RecipeContainer(Manifest workload, JsonNode pod, JsonNode node, RecipeManifests manifests) {

    String name() {
        return node.path("name").asText();
    }

    String image() {
        return node.path("image").asText();
    }

    List<String> args() {
        List<String> args = new ArrayList<>();
        node.path("args").forEach(arg -> args.add(arg.asText()));
        return args;
    }

    /**
     * The environment the container starts with: {@code envFrom} ConfigMaps, then {@code env} (which wins).
     * A Secret's value is not in the recipe, so it reads as a placeholder naming the Secret; a ConfigMap or key
     * that the recipe does not define fails, as the pod would not start.
     */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : node.path("envFrom")) {
            if (source.has("configMapRef")) {
                configMap(source.path("configMapRef").path("name").asText()).properties()
                    .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
            } else {
                throw new AssertionError(this + ": envFrom other than a ConfigMap of the recipe: " + source);
            }
        }
        for (JsonNode variable : node.path("env")) {
            env.put(variable.path("name").asText(), valueOf(variable));
        }
        return env;
    }

    private String valueOf(JsonNode variable) {
        if (variable.has("value")) {
            return variable.path("value").asText();
        }
        JsonNode from = variable.path("valueFrom");
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.path("configMapKeyRef");
            JsonNode value = configMap(ref.path("name").asText()).get(ref.path("key").asText());
            if (value == null) {
                throw new AssertionError(this + ": ConfigMap " + ref.path("name").asText() + " has no key "
                    + ref.path("key").asText());
            }
            return value.asText();
        }
        if (from.has("secretKeyRef")) {
            JsonNode ref = from.path("secretKeyRef");
            return "secret-" + ref.path("name").asText() + "-" + ref.path("key").asText();
        }
        throw new AssertionError(this + ": variable " + variable.path("name").asText() + " has no value the recipe gives");
    }

    private JsonNode configMap(String name) {
        return manifests.find("ConfigMap", name)
            .orElseThrow(() -> new AssertionError(this + ": no ConfigMap " + name + " in the recipe"))
            .node().path("data");
    }

    /** Every {@code containerPort}. */
    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        node.path("ports").forEach(port -> ports.add(port.path("containerPort").asInt()));
        return ports;
    }

    /** A port given by number or by the name of one of this container's ports. */
    int port(JsonNode reference) {
        if (reference.isInt()) {
            return reference.asInt();
        }
        for (JsonNode port : node.path("ports")) {
            if (port.path("name").asText().equals(reference.asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError(this + ": no port named " + reference.asText());
    }

    /** The probe named {@code readinessProbe}, {@code livenessProbe} or {@code startupProbe}; missing when not set. */
    JsonNode probe(String kind) {
        return node.path(kind);
    }

    @Override
    public String toString() {
        return "container " + name() + " of " + workload;
    }
}
