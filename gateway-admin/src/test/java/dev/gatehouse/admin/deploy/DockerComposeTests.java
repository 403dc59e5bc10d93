package dev.gatehouse.admin.deploy;

import static dev.gatehouse.admin.deploy.Manifests.get;
import static dev.gatehouse.admin.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} against the applications, like {@link KubernetesManifestsTests} for Kubernetes: the
 * variables it sets on the admin and the nodes are in the README's configuration reference, the container ports
 * and health checks are the applications' own, and the images are named as the Kubernetes manifests name them.
 */
class DockerComposeTests {

    private static final List<String> NODES = List.of("node1", "node2");

    private final Map<String, Object> services = services();
    private final AppDefaults app = AppDefaults.read();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        Map<String, Object> compose = new Yaml().load(DeployFiles.read(DeployFiles.ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    void everyVariableSetIsInTheConfigurationReference() {
        ConfigurationReference reference = ConfigurationReference.readme();
        assertThat(reference.missingForAdmin(variables("admin")))
                .as("admin variables set in docker-compose.yml but missing from the README's Admin table").isEmpty();
        for (String node : NODES) {
            assertThat(reference.missingForNode(variables(node)))
                    .as(node + " variables set in docker-compose.yml but missing from the README's Runtime node table")
                    .isEmpty();
        }
    }

    @Test
    void portsHealthChecksAndImagesAreTheApplications() {
        Map<String, Object> admin = service("admin");
        assertThat(containerPorts(admin)).containsExactly(app.adminPort());
        assertThat(healthCheck(admin)).contains("/dev/tcp/127.0.0.1/" + app.adminPort(), "GET /actuator/health ");
        assertThat(admin.get("image")).isEqualTo(app.image("gateway-admin"));
        assertThat(get(admin, "build", "dockerfile")).isEqualTo("gateway-admin/Dockerfile");

        for (String name : NODES) {
            Map<String, Object> node = service(name);
            assertThat(containerPorts(node)).as(name).containsExactly(app.proxyPort(), app.managementPort());
            assertThat(healthCheck(node)).as(name).contains("/dev/tcp/127.0.0.1/" + app.managementPort(),
                    "GET " + AppDefaults.READINESS + " ");
            assertThat(node.get("image")).as(name).isEqualTo(app.image("gateway-runtime"));
            assertThat(get(node, "build", "dockerfile")).as(name).isEqualTo("gateway-runtime/Dockerfile");
            assertThat(map(node.get("environment")).get("GATEHOUSE_ADMIN_URL"))
                    .isEqualTo("http://admin:" + app.adminPort());
        }
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        assertThat(service).as("service " + name + " in docker-compose.yml").isNotEmpty();
        return service;
    }

    private Set<String> variables(String name) {
        return new TreeSet<>(map(service(name).get("environment")).keySet());
    }

    /** The container side of each published port ({@code host:published:container}). */
    @SuppressWarnings("unchecked")
    private static List<Integer> containerPorts(Map<String, Object> service) {
        return ((List<String>) service.get("ports")).stream()
                .map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String healthCheck(Map<String, Object> service) {
        return String.join(" ", (List<String>) get(service, "healthcheck", "test"));
    }
}
