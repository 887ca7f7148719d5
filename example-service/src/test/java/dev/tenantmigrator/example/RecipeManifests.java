package dev.tenantmigrator.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The Kubernetes recipe in docs/kubernetes/: every document of every {@code *.yaml} file, and the pods they run. */
final class RecipeManifests {

    static final Path DIR = Path.of(ServiceConfig.PATH).getParent().resolve("docs/kubernetes");

    /** The kinds whose {@code spec.template} is a pod. */
    private static final Set<String> WORKLOADS = Set.of("Job", "Deployment", "StatefulSet", "DaemonSet");

    /** One YAML document: a Kubernetes object. */
    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        JsonNode spec() {
            return node.path("spec");
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    private final List<Manifest> manifests;

    private RecipeManifests(List<Manifest> manifests) {
        this.manifests = List.copyOf(manifests);
    }

    static RecipeManifests read() {
        YAMLMapper yaml = new YAMLMapper();
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files()) {
            if (!file.getFileName().toString().endsWith(".yaml")) {
                continue;
            }
            try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isMissingNode() && !document.isNull()) {
                        manifests.add(new Manifest(file, document));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + " is not YAML", e);
            }
        }
        return new RecipeManifests(manifests);
    }

    /** Every file of the recipe, manifests or not. */
    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Manifest> all() {
        return manifests;
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    /** Every container (init containers too) of every pod the workloads run. */
    List<RecipeContainer> containers() {
        List<RecipeContainer> containers = new ArrayList<>();
        for (Manifest workload : manifests) {
            if (!WORKLOADS.contains(workload.kind())) {
                continue;
            }
            JsonNode pod = workload.spec().path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                pod.path(list).forEach(container -> containers.add(new RecipeContainer(workload, pod, container, this)));
            }
        }
        return containers;
    }

    /** The workloads whose pod template carries every label of {@code selector} (a Service's). */
    List<Manifest> selectedBy(JsonNode selector) {
        return manifests.stream().filter(m -> WORKLOADS.contains(m.kind())).filter(workload -> {
            JsonNode labels = workload.spec().path("template").path("metadata").path("labels");
            return !selector.isEmpty() && selector.properties().stream()
                .allMatch(label -> label.getValue().asText().equals(labels.path(label.getKey()).asText(null)));
        }).toList();
    }
}
