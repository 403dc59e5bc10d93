package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigRefusal;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.lkg.LastKnownGood;
import dev.gatehouse.runtime.lkg.LastKnownGoodStore;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.OwnNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A node meets wrong admins on its admin's address (same cluster token, as after an admin restart on another
 * database): one of another cluster, one of its own
 * cluster offering an empty configuration. It keeps serving, keeps its last known good file byte for byte, reports
 * the refusal in heartbeats and metrics, and takes the configuration once the admin offers a higher epoch.
 */
@OwnNode
@TestPropertySource(properties = {"gatehouse.cluster-token=" + ClusterIdentityIntegrationTests.TOKEN,
        "gatehouse.node-id=identity-node", "gatehouse.lkg-write-interval=200ms"})
@ContextConfiguration(initializers = ClusterIdentityIntegrationTests.Environment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIdentityIntegrationTests {

    static final String TOKEN = "identity-cluster-token";
    static final String CLUSTER = "6f1d2c3b-0000-4000-8000-00000000000a";
    static final String OTHER_CLUSTER = "6f1d2c3b-0000-4000-8000-00000000000b";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    /** The node's own admin, of cluster {@link #CLUSTER}, serving {@code /identity}. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static Path dataDir;
        static FakeAdmin admin;
        static long revision;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            dataDir = NodeDirs.temp("gatehouse-identity-node");
            admin = FakeAdmin.start(TOKEN, 0, ConfigState.empty().withCluster(CLUSTER, 1));
            ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
            admin.upsert(echo);
            revision = admin.upsert(route("identity", echo).paths("/identity").build());
            TestPropertyValues.of("gatehouse.admin-url=" + admin.url(), "gatehouse.node-data-dir=" + dataDir)
                    .applyTo(context);
        }
    }

    @AfterAll
    static void stopAdmin() {
        if (Environment.admin != null) {
            Environment.admin.close();
        }
    }

    @Test
    @Order(1)
    void firstStartTakesTheFirstClusterAndPinsIt() throws IOException {
        await().atMost(Duration.ofSeconds(15)).until(() -> holder.current().revision() == Environment.revision);
        assertThat(holder.current().state().clusterId()).isEqualTo(CLUSTER);
        assertThat(holder.current().state().epoch()).isEqualTo(1);
        assertThat(RawHttp.send(port, "GET", "/identity/x").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(lkgFile())
                && ((LastKnownGood.Loaded) new LastKnownGoodStore(Environment.dataDir,
                Specs.JSON).read()).state().revision() == Environment.revision);
        await().atMost(Duration.ofSeconds(10)).until(() -> Environment.admin.heartbeats().stream()
                .anyMatch(h -> CLUSTER.equals(h.clusterId()) && h.appliedRevision() == Environment.revision));
    }

    @Test
    @Order(2)
    void refusesAnotherClusterKeepsServingAndKeepsItsFile() throws IOException {
        byte[] lkgBefore = Files.readAllBytes(lkgFile());
        int requestsBefore = Environment.admin.streamRequests().size();
        // an admin on a new database: another cluster id, an empty configuration at a high revision
        Environment.admin.replaceState(new ConfigState(50, ConfigHash.EMPTY, Map.of(), Map.of(), Map.of(), Map.of(),
                null, Map.of(), OTHER_CLUSTER, 1));

        NodeHeartbeat refusing = awaitRefusal(ConfigRefusal.OTHER_CLUSTER);
        assertThat(refusing.refusal().clusterId()).isEqualTo(OTHER_CLUSTER);
        assertThat(refusing.refusal().revision()).isEqualTo(50);
        assertThat(refusing.clusterId()).isEqualTo(CLUSTER);
        assertThat(refusing.appliedRevision()).isEqualTo(Environment.revision);
        assertThat(holder.current().revision()).isEqualTo(Environment.revision);
        assertThat(RawHttp.send(port, "GET", "/identity/x").status()).isEqualTo(200);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .contains("gatehouse_config_refusing 1.0")
                .containsPattern("gatehouse_config_refused_total\\{reason=\"other-cluster\"} [1-9]");
        // it keeps trying that admin, with backoff, and keeps refusing
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Environment.admin.streamRequests().size() >= requestsBefore + 2);
        List<FakeAdmin.StreamRequest> requests = Environment.admin.streamRequests();
        assertThat(requests.subList(requestsBefore, requests.size())).allSatisfy(r -> assertThat(r.revision())
                .isEqualTo(Environment.revision));
        assertThat(Files.readAllBytes(lkgFile())).isEqualTo(lkgBefore);
    }

    @Test
    @Order(3)
    void refusesAnEmptyConfigurationOfItsOwnCluster() throws IOException {
        byte[] lkgBefore = Files.readAllBytes(lkgFile());
        Environment.admin.replaceState(new ConfigState(60, ConfigHash.EMPTY, Map.of(), Map.of(), Map.of(), Map.of(),
                null, Map.of(), CLUSTER, 1));

        awaitRefusal(ConfigRefusal.EMPTY_CONFIGURATION);
        assertThat(RawHttp.send(port, "GET", "/identity/x").status()).isEqualTo(200);
        assertThat(Files.readAllBytes(lkgFile())).isEqualTo(lkgBefore);
    }

    @Test
    @Order(4)
    void takesTheConfigurationOfAHigherEpoch() {
        // the same database after a force restore: the epoch is higher, so even an empty configuration goes in
        Environment.admin.replaceState(new ConfigState(61, ConfigHash.EMPTY, Map.of(), Map.of(), Map.of(), Map.of(),
                null, Map.of(), CLUSTER, 2));

        await().atMost(Duration.ofSeconds(15)).until(() -> holder.current().revision() == 61);
        assertThat(holder.current().state().epoch()).isEqualTo(2);
        assertThat(RawHttp.send(port, "GET", "/identity/x").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> Environment.admin.heartbeats().stream()
                .anyMatch(h -> h.refusal() == null && h.epoch() == 2 && h.appliedRevision() == 61));
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .contains("gatehouse_config_refusing 0.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((LastKnownGood.Loaded)
                new LastKnownGoodStore(Environment.dataDir, Specs.JSON).read())
                .state().epoch() == 2);
    }

    private static NodeHeartbeat awaitRefusal(String reason) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> Environment.admin.heartbeats().stream()
                        .filter(h -> h.refusal() != null && reason.equals(h.refusal().reason())).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static Path lkgFile() {
        return Environment.dataDir.resolve(LastKnownGoodStore.FILE_NAME);
    }
}
