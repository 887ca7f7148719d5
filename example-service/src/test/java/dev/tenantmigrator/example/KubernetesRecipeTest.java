package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.example.RecipeManifests.Manifest;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.metrics.servlets.AdminServlet;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kubernetes recipe (docs/kubernetes.md and docs/kubernetes/) names only what the example service has: its
 * commands, the variables config.yml reads, the ports it opens, the health check the bundle registers; and it
 * keeps the promises the page makes (one concurrency budget, the migrator past PgBouncer, grace periods).
 */
@ExtendWith(PostgresExtension.class)
class KubernetesRecipeTest {

    private static final RecipeManifests MANIFESTS = RecipeManifests.read();
    private static final RecipeImage IMAGE = RecipeImage.read();
    /** What a stopped command waits beyond shutdownGrace for the cancelled statements to end and its report to print. */
    private static final long STOP_REPORT_SECONDS = 5;

    /** The containers that run the service's image: the migration Job's and the application's. */
    private static List<RecipeContainer> serviceContainers() {
        return MANIFESTS.containers().stream().filter(container -> container.image().equals(IMAGE.tag())).toList();
    }

    private static RecipeContainer serviceContainerOf(String kind) {
        List<RecipeContainer> found = serviceContainers().stream().filter(c -> c.workload().kind().equals(kind)).toList();
        assertThat(found).as("containers of a %s running %s", kind, IMAGE.tag()).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyDocumentIsAKubernetesObjectWithAName() {
        assertThat(MANIFESTS.all()).isNotEmpty().allSatisfy(manifest -> {
            assertThat(manifest.node().path("apiVersion").asText()).as("%s apiVersion", manifest).isNotEmpty();
            assertThat(manifest.kind()).as("%s kind", manifest).isNotEmpty();
            assertThat(manifest.name()).as("%s name", manifest).isNotEmpty();
        });
    }

    /** The Job migrates to exactly the files the application's new pods carry. */
    @Test
    void theJobAndTheApplicationRunTheImageTheDockerfileBuilds() {
        Manifest service = MANIFESTS.find("Service", "example-service").orElseThrow();
        List<Manifest> application = MANIFESTS.selectedBy(service.spec().path("selector"));

        assertThat(IMAGE.tag()).as("the image tag in the Dockerfile's docker build comment").isNotNull();
        assertThat(MANIFESTS.containers())
            .filteredOn(c -> c.workload().kind().equals("Job") || application.contains(c.workload()))
            .extracting(RecipeContainer::image).isNotEmpty().containsOnly(IMAGE.tag());
    }

    @Test
    void theImageHoldsTheBuiltJarAndConfigYml() {
        Path root = ConfigYml.PATH.getParent();
        assertThat(IMAGE.jar()).as("the entry point's -jar").isNotNull();
        String jarSource = IMAGE.sourceByDestination().get(IMAGE.jar());
        assertThat(jarSource).as("what the Dockerfile copies to " + IMAGE.jar()).isNotNull();

        // The jar is a build output: its module's pom must name it so.
        Path jar = Path.of(jarSource);
        String finalName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        assertThat(jar.getParent().getFileName()).hasToString("target");
        assertThat(root.resolve(jar.getParent().getParent()).resolve("pom.xml"))
            .content().contains("<finalName>" + finalName + "</finalName>");
        IMAGE.sourceByDestination().values().stream().filter(source -> !source.equals(jarSource))
            .forEach(source -> assertThat(root.resolve(source)).as("copied into the image").isRegularFile());
    }

    @Test
    void everyContainerOfTheServiceRunsOneOfItsCommandsOnTheImagesConfigYml() {
        String configInImage = IMAGE.sourceByDestination().entrySet().stream()
            .filter(copy -> ConfigYml.PATH.getParent().resolve(copy.getValue()).normalize().equals(ConfigYml.PATH))
            .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("the Dockerfile copies no config.yml"));

        assertThat(serviceContainers()).isNotEmpty().allSatisfy(container -> {
            List<String> args = container.args();
            assertThat(args).as("%s args", container).hasSizeGreaterThanOrEqualTo(2);
            assertThat(ServiceCommand.names()).as("%s runs", container).contains(args.get(0));
            assertThat(args.get(args.size() - 1)).as("%s configuration", container).isEqualTo(configInImage);
        });
    }

    @Test
    void everyVariableTheServiceIsGivenIsOneConfigYmlReads() {
        assertThat(serviceContainers()).isNotEmpty().allSatisfy(container ->
            assertThat(ConfigYml.variables()).as("%s sets", container).containsAll(container.env().keySet()));
    }

    @Test
    void everyPortAndProbeIsAPortConfigYmlOpens() {
        assertThat(serviceContainers()).isNotEmpty().allSatisfy(container -> {
            NotesConfiguration configuration = ConfigYml.readWith(container.env());
            List<Integer> opened = new ArrayList<>(ConfigYml.applicationPorts(configuration));
            opened.addAll(ConfigYml.adminPorts(configuration));
            assertThat(opened).as("%s ports", container).containsAll(container.ports());
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode httpGet = container.probe(probe).path("httpGet");
                if (!httpGet.isMissingNode()) {
                    assertThat(ConfigYml.adminPorts(configuration)).as("%s %s port", container, probe)
                        .contains(container.port(httpGet.path("port")));
                }
            }
        });
    }

    @Test
    void theApplicationIsReadyOnTheAdminHealthChecksAndAliveOnPing() {
        RecipeContainer app = serviceContainerOf("Deployment");

        assertThat(app.probe("readinessProbe").path("httpGet").path("path").asText())
            .isEqualTo(AdminServlet.DEFAULT_HEALTHCHECK_URI);
        assertThat(app.probe("livenessProbe").path("httpGet").path("path").asText())
            .isEqualTo(AdminServlet.DEFAULT_PING_URI);
    }

    @Test
    void theServiceSendsTrafficToTheApplicationPort() {
        Manifest service = MANIFESTS.find("Service", "example-service").orElseThrow();
        RecipeContainer app = serviceContainerOf("Deployment");

        assertThat(MANIFESTS.selectedBy(service.spec().path("selector"))).containsExactly(app.workload());
        List<Integer> targets = new ArrayList<>();
        service.spec().path("ports").forEach(port -> targets.add(app.port(port.path("targetPort"))));
        assertThat(targets).isNotEmpty().containsOnlyOnceElementsOf(ConfigYml.applicationPorts(ConfigYml.readWith(app.env())));
    }

    @Test
    void theJobAndTheApplicationShareOneConcurrencyBudget() {
        RecipeContainer job = serviceContainerOf("Job");
        JsonNode jobSpec = job.workload().spec();

        assertThat(jobSpec.path("parallelism").asInt()).as("parallelism").isGreaterThan(1);
        assertThat(jobSpec.has("backoffLimit")).as("backoffLimit").isTrue();
        assertThat(jobSpec.path("activeDeadlineSeconds").asInt()).as("activeDeadlineSeconds").isPositive();
        assertThat(ConfigYml.readWith(job.env()).getMigrator().getConcurrency())
            .isEqualTo(ConfigYml.readWith(serviceContainerOf("Deployment").env()).getMigrator().getConcurrency());
    }

    @Test
    void theApplicationConnectsThroughPgBouncerAndTheMigratorToPostgresDirectly() {
        assertThat(serviceContainers()).isNotEmpty().allSatisfy(container -> {
            NotesConfiguration configuration = ConfigYml.readWith(container.env());
            URI pooled = jdbc(configuration.getDatabase().getUrl());
            URI direct = jdbc(configuration.getMigrator().getDatabase().getUrl());

            Manifest service = MANIFESTS.find("Service", pooled.getHost())
                .orElseThrow(() -> new AssertionError(container + ": database.url names no Service of the recipe: " + pooled));
            assertThat(service.spec().findValuesAsText("port")).as("%s ports", service)
                .contains(String.valueOf(pooled.getPort()));
            RecipeContainer pgbouncer = onlyContainerOf(MANIFESTS.selectedBy(service.spec().path("selector")));
            Map<String, String> pgbouncerEnv = pgbouncer.env();
            // edoburu/pgbouncer's variables: the pool mode, and the PostgreSQL it connects to.
            assertThat(pgbouncerEnv).containsEntry("POOL_MODE", "transaction");
            assertThat(direct.getHost() + ":" + direct.getPort()).as("%s migrator.database.url", container)
                .isEqualTo(pgbouncerEnv.get("DB_HOST") + ":" + pgbouncerEnv.get("DB_PORT"));
            assertThat(MANIFESTS.find("Service", direct.getHost())).as("a Service of the recipe (PgBouncer) at " + direct)
                .isEmpty();
        });
    }

    private static RecipeContainer onlyContainerOf(List<Manifest> workloads) {
        List<RecipeContainer> containers = MANIFESTS.containers().stream().filter(c -> workloads.contains(c.workload())).toList();
        assertThat(containers).as("the containers behind the pooler's Service").hasSize(1);
        return containers.get(0);
    }

    private static URI jdbc(String url) {
        assertThat(url).startsWith("jdbc:postgresql://");
        return URI.create(url.substring("jdbc:".length()));
    }

    /**
     * Kubernetes kills a pod that outlives its grace period: the Job's must outlast the migrator's stop, the
     * application's Dropwizard's.
     */
    @Test
    void terminationGracePeriodsCoverWhatAStopWaitsFor() {
        RecipeContainer job = serviceContainerOf("Job");
        RecipeContainer app = serviceContainerOf("Deployment");

        assertThat(job.pod().path("terminationGracePeriodSeconds").asLong()).as("the Job's terminationGracePeriodSeconds")
            .isGreaterThan(ConfigYml.readWith(job.env()).getMigrator().getShutdownGrace().toSeconds() + STOP_REPORT_SECONDS);
        assertThat(app.pod().path("terminationGracePeriodSeconds").asLong()).as("the Deployment's terminationGracePeriodSeconds")
            .isGreaterThan(ConfigYml.server(ConfigYml.readWith(app.env())).getShutdownGracePeriod().toSeconds());
    }

    @Test
    void theRecipePageLinksEveryFileOfTheRecipe() throws Exception {
        String page = Files.readString(RecipeManifests.DIR.resolveSibling("kubernetes.md"));

        assertThat(RecipeManifests.files()).isNotEmpty().allSatisfy(file ->
            assertThat(page).contains("](kubernetes/" + file.getFileName() + ")"));
    }

    /**
     * On a real database: the Job's command migrates it, the application starts with the Deployment's startup guard,
     * and the readiness path reports the bundle's health check, failing with it while the liveness path stays up.
     */
    @Test
    void readinessFollowsTheMigrationsHealthCheckAndLivenessDoesNot(TestDatabase db) throws Exception {
        RecipeContainer job = serviceContainerOf("Job");
        RecipeContainer app = serviceContainerOf("Deployment");
        String startup = ConfigYml.readWith(app.env()).getMigrator().getStartup().name()
            .toLowerCase(Locale.ROOT).replace('_', '-');
        List<ConfigOverride> overrides = ServiceConfig.overrides(db, startup);
        String healthCheck = new NotesMigratorBundle().getHealthCheckName();

        ServiceCommand migrated = runWithConfigYml(job.args(), overrides);
        assertThat(migrated.status()).as("the Job's " + job.args() + ": " + migrated.output()).isZero();
        DropwizardTestSupport<NotesConfiguration> server = new DropwizardTestSupport<>(NotesApplication.class, ServiceConfig.PATH,
            overrides.toArray(ConfigOverride[]::new));
        server.before();
        try {
            Probe readiness = Probe.of(server.getAdminPort(), app.probe("readinessProbe"));
            Probe liveness = Probe.of(server.getAdminPort(), app.probe("livenessProbe"));
            HttpResponse<String> ready = readiness.get();
            db.execute("INSERT INTO tenants (slug) VALUES ('hooli')");   // a tenant row whose schema no db-up made yet
            HttpResponse<String> behind = readiness.get();
            HttpResponse<String> alive = liveness.get();

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(ready.body()).path(healthCheck).path("healthy").asBoolean()).isTrue();
            assertThat(behind.statusCode()).isEqualTo(500);
            assertThat(new ObjectMapper().readTree(behind.body()).path(healthCheck).path("healthy").asBoolean()).isFalse();
            assertThat(alive.statusCode()).isEqualTo(200);
        } finally {
            server.after();
        }
    }

    /** An httpGet probe, sent to the admin port the test server opened. */
    private record Probe(URI uri) {
        static Probe of(int adminPort, JsonNode probe) {
            return new Probe(URI.create("http://localhost:" + adminPort + probe.path("httpGet").path("path").asText()));
        }

        HttpResponse<String> get() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Runs a container's args as {@code java -jar} would, on the repository's config.yml (the file the image holds). */
    private static ServiceCommand runWithConfigYml(List<String> args, List<ConfigOverride> overrides) {
        List<String> arguments = new ArrayList<>(args);
        arguments.set(arguments.size() - 1, ServiceConfig.PATH);
        return ServiceCommand.run(overrides, arguments.toArray(String[]::new));
    }
}
