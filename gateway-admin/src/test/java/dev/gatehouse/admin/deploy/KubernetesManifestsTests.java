package dev.gatehouse.admin.deploy;

import static dev.gatehouse.admin.deploy.Manifests.container;
import static dev.gatehouse.admin.deploy.Manifests.get;
import static dev.gatehouse.admin.deploy.Manifests.list;
import static dev.gatehouse.admin.deploy.Manifests.map;
import static dev.gatehouse.admin.deploy.Manifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code deploy/k8s}, rendered with {@code kubectl kustomize} (Debian package {@code kubernetes-client}; {@code
 * .ci/run} installs it) and checked against the applications: every variable set on a Gatehouse container is in
 * the README's configuration reference, ports and probe paths are the applications' own, images are the ones the
 * Dockerfiles are built as, secrets come only by reference in the base, and the containers run as non-root on a
 * read-only root filesystem with writable emptyDirs where they write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTests {

    private static final String SECRET = "gatehouse-secrets";
    private static final Set<String> SECRET_VARIABLES = Set.of("GATEHOUSE_DB_URL", "GATEHOUSE_DB_USER",
            "GATEHOUSE_DB_PASSWORD", "GATEHOUSE_ADMIN_PASSWORD", "GATEHOUSE_ADMIN_TOKEN", "GATEHOUSE_CLUSTER_TOKEN",
            "GATEHOUSE_METRICS_TOKEN", "GATEHOUSE_REDIS_URL");

    private Manifests base;
    private Manifests tryOut;
    private AppDefaults app;

    @BeforeAll
    void render() {
        Tool kubectl = Tool.find("kubectl");
        assumeTrue(kubectl != null, "kubectl is not installed (Debian package kubernetes-client; .ci/run installs it):"
                + " deploy/k8s not rendered nor checked");
        base = kustomize(kubectl, "deploy/k8s/base");
        tryOut = kustomize(kubectl, "deploy/k8s/overlays/try-out");
        app = AppDefaults.read();
    }

    private static Manifests kustomize(Tool kubectl, String dir) {
        Tool.Result result = kubectl.run(DeployFiles.ROOT, "kustomize", dir);
        assertThat(result.exit()).as("kubectl kustomize " + dir + ": " + result.describe()).isZero();
        return Manifests.parse(result.output());
    }

    @Test
    void everyVariableSetIsInTheConfigurationReference() {
        ConfigurationReference reference = ConfigurationReference.readme();
        for (Manifests manifests : new Manifests[] {base, tryOut}) {
            assertThat(reference.missingForAdmin(variables(admin(manifests))))
                    .as("admin variables set in deploy/k8s but missing from the README's Admin table").isEmpty();
            assertThat(reference.missingForNode(variables(runtime(manifests))))
                    .as("node variables set in deploy/k8s but missing from the README's Runtime node table").isEmpty();
        }
    }

    @Test
    void portsAndProbesAreTheApplications() {
        Map<String, Object> admin = container(admin(base));
        assertThat(port(admin, "http")).isEqualTo(app.adminPort());
        assertThat(value(admin, "SERVER_PORT")).isEqualTo(Integer.toString(app.adminPort()));
        assertProbes(admin, "http");

        Map<String, Object> runtime = container(runtime(base));
        assertThat(port(runtime, "proxy")).isEqualTo(app.proxyPort());
        assertThat(port(runtime, "management")).isEqualTo(app.managementPort());
        assertThat(value(runtime, "SERVER_PORT")).isEqualTo(Integer.toString(app.proxyPort()));
        assertThat(value(runtime, "MANAGEMENT_SERVER_PORT")).isEqualTo(Integer.toString(app.managementPort()));
        // readiness on the management port: UP only once the node holds a verified configuration
        assertProbes(runtime, "management");
        Map<String, Object> annotations = map(get(runtime(base), "spec", "template", "metadata", "annotations"));
        assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(app.managementPort()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");

        assertThat(value(runtime, "GATEHOUSE_ADMIN_URL")).isEqualTo("http://gatehouse-admin:" + app.adminPort());
        assertThat(servicePort("gatehouse-admin"))
                .isEqualTo(Map.of("name", "http", "port", app.adminPort(), "targetPort", "http"));
        assertThat(get(base.named("Service", "gatehouse-runtime"), "spec", "ports").toString()).contains("targetPort=proxy");
    }

    @Test
    void imagesAreTheOnesTheDockerfilesBuild() {
        assertThat(container(admin(base)).get("image")).isEqualTo(app.image("gateway-admin"));
        assertThat(container(runtime(base)).get("image")).isEqualTo(app.image("gateway-runtime"));
        assertThat(container(admin(tryOut)).get("image")).isEqualTo(app.image("gateway-admin"));
    }

    @Test
    void theBaseHoldsNoSecretValues() {
        assertThat(base.ofKind("Secret")).as("Secrets in the base").isEmpty();
        for (Map<String, Object> deployment : new Map[] {admin(base), runtime(base)}) {
            for (Map<String, Object> env : list(container(deployment).get("env"))) {
                if (SECRET_VARIABLES.contains(env.get("name"))) {
                    assertThat(env).as(env.get("name") + " comes from a Secret").doesNotContainKey("value");
                    assertThat(get(env, "valueFrom", "secretKeyRef", "name")).isEqualTo(SECRET);
                }
            }
        }
    }

    @Test
    void theTryOutSecretHasEveryKeyTheContainersRead() {
        Map<String, Object> secret = tryOut.named("Secret", SECRET);
        Set<String> keys = new HashSet<>(map(secret.get("data")).keySet());
        Set<String> read = new TreeSet<>();
        for (Map<String, Object> deployment : tryOut.ofKind("Deployment")) {
            for (Map<String, Object> env : list(container(deployment).get("env"))) {
                Object key = get(env, "valueFrom", "secretKeyRef", "key");
                if (key != null) {
                    read.add((String) key);
                }
            }
        }
        assertThat(keys).containsAll(read);
        assertThat(tryOut.named("Service", "gatehouse-postgres")).isNotNull();
        assertThat(tryOut.named("Service", "gatehouse-redis")).isNotNull();
    }

    @Test
    void containersRunAsNonRootOnAReadOnlyRootFilesystem() {
        for (Map<String, Object> deployment : new Map[] {admin(base), runtime(base)}) {
            String name = (String) get(deployment, "metadata", "name");
            assertThat(get(podSpec(deployment), "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
            assertThat((Integer) get(podSpec(deployment), "securityContext", "runAsUser")).as(name).isPositive();
            Map<String, Object> container = container(deployment);
            assertThat(get(container, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
            assertThat(get(container, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
            assertThat(map(get(container, "resources", "requests"))).as(name).containsKeys("cpu", "memory");
            assertThat(map(get(container, "resources", "limits"))).as(name).containsKey("memory");

            Set<String> emptyDirs = new HashSet<>();
            for (Map<String, Object> volume : list(podSpec(deployment).get("volumes"))) {
                if (volume.containsKey("emptyDir")) {
                    emptyDirs.add((String) volume.get("name"));
                }
            }
            Set<String> writable = new TreeSet<>();
            for (Map<String, Object> mount : list(container.get("volumeMounts"))) {
                if (emptyDirs.contains(mount.get("name"))) {
                    writable.add((String) mount.get("mountPath"));
                }
            }
            assertThat(writable).as(name + " writable directories").contains("/tmp", "/app/data");
        }
        assertThat(value(container(runtime(base)), "GATEHOUSE_NODE_DATA_DIR")).startsWith("/app/data/");
    }

    @Test
    void nodesScaleWithABudget() {
        Map<String, Object> hpa = base.named("HorizontalPodAutoscaler", "gatehouse-runtime");
        assertThat(get(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("gatehouse-runtime");
        assertThat((Integer) get(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pdb = base.named("PodDisruptionBudget", "gatehouse-runtime");
        assertThat(get(pdb, "spec", "selector", "matchLabels"))
                .isEqualTo(get(runtime(base), "spec", "selector", "matchLabels"));
        assertThat((Integer) get(admin(base), "spec", "replicas")).isGreaterThanOrEqualTo(2);
    }

    private Map<String, Object> servicePort(String service) {
        return list(get(base.named("Service", service), "spec", "ports")).get(0).entrySet().stream()
                .filter(e -> !e.getKey().equals("protocol"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void assertProbes(Map<String, Object> container, String port) {
        assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo(AppDefaults.READINESS);
        assertThat(get(container, "readinessProbe", "httpGet", "port")).isEqualTo(port);
        assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo(AppDefaults.LIVENESS);
        assertThat(get(container, "livenessProbe", "httpGet", "port")).isEqualTo(port);
    }

    private static Map<String, Object> admin(Manifests manifests) {
        return manifests.named("Deployment", "gatehouse-admin");
    }

    private static Map<String, Object> runtime(Manifests manifests) {
        return manifests.named("Deployment", "gatehouse-runtime");
    }

    private static Set<String> variables(Map<String, Object> deployment) {
        Set<String> names = new TreeSet<>();
        list(container(deployment).get("env")).forEach(env -> names.add((String) env.get("name")));
        return names;
    }

    private static int port(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static String value(Map<String, Object> container, String variable) {
        return list(container.get("env")).stream().filter(e -> variable.equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable));
    }
}
