package dev.gatehouse.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import dev.gatehouse.admin.testsupport.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpStatus;

/**
 * The control loop as operators run it: an admin (its own Spring application) and two runtime nodes (separate
 * JVMs started from the runtime jar) against the real PostgreSQL, with an upstream behind them. These tests wait
 * for each change to arrive (at most {@link TestGateway#APPLY_WAIT}); how fast it arrives (the product's "well
 * under a second") is measured and checked by bench/run.sh, scenario 5, on pinned cores rather than here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlLoopEndToEndIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EchoUpstream upstream;
    private AdminInstance admin;
    private RuntimeNodeProcess node1;
    private RuntimeNodeProcess node2;
    private final List<RuntimeNodeProcess> extraNodes = new ArrayList<>();

    @BeforeAll
    void startCluster() {
        upstream = new EchoUpstream("e2e-upstream");
        admin = new AdminInstance(RuntimeNodeProcess.freePort()).start();
        node1 = RuntimeNodeProcess.start("e2e-node-1", admin.url(), AdminInstance.CLUSTER_TOKEN);
        node2 = RuntimeNodeProcess.start("e2e-node-2", admin.url(), AdminInstance.CLUSTER_TOKEN);
        node1.awaitReady(TestGateway.NODE_WAIT);
        node2.awaitReady(TestGateway.NODE_WAIT);
        created(admin.api("POST", "/api/v1/services", """
                {"name": "e2e-svc", "targets": [{"host": "127.0.0.1", "port": %d}], "basePath": "/base"}
                """.formatted(upstream.port())));
    }

    @AfterAll
    void stopCluster() {
        extraNodes.forEach(RuntimeNodeProcess::stop);
        if (node1 != null) node1.stop();
        if (node2 != null) node2.stop();
        if (admin != null) admin.stop();
        if (upstream != null) upstream.close();
    }

    @Test
    @Order(1)
    void routeCreatedUpdatedAndDeletedThroughTheApiIsServedByBothNodes() {
        created(admin.api("POST", "/api/v1/routes", """
                {"name": "e2e-orders", "service": "e2e-svc", "auth": "none", "paths": ["/e2e/orders"], "stripPrefix": true}
                """));
        awaitOnBothNodes("/e2e/orders/42", 200);
        assertThat(get(node1, "/e2e/orders/42").body()).contains("\"path\":\"/base/42\"");

        ok(admin.api("PUT", "/api/v1/routes/e2e-orders", """
                {"name": "e2e-orders", "service": "e2e-svc", "auth": "none", "paths": ["/e2e/v2/orders"], "stripPrefix": false}
                """));
        awaitOnBothNodes("/e2e/v2/orders/7", 200);
        assertThat(get(node2, "/e2e/v2/orders/7").body()).contains("\"path\":\"/base/e2e/v2/orders/7\"");
        assertThat(get(node1, "/e2e/orders/42").statusCode()).isEqualTo(404);
        assertThat(get(node2, "/e2e/orders/42").statusCode()).isEqualTo(404);

        assertThat(admin.api("DELETE", "/api/v1/routes/e2e-orders", null).statusCode()).isEqualTo(204);
        awaitOnBothNodes("/e2e/v2/orders/7", 404);
        HttpResponse<String> notFound = get(node1, "/e2e/v2/orders/7");
        assertThat(notFound.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /**
     * One hundred changes in a row each reach both nodes, and each replaces the one before at once: where a node
     * serves the new path, the old one is gone. (The time each takes is bench/run.sh's, scenario 5.)
     */
    @Test
    @Order(2)
    void oneHundredChangesInARowEachReachBothNodesWhole() {
        created(admin.api("POST", "/api/v1/routes", """
                {"name": "e2e-prop", "service": "e2e-svc", "auth": "none", "paths": ["/prop/0"]}
                """));
        awaitOnBothNodes("/prop/0", 200);
        for (int i = 1; i <= 100; i++) {
            ok(admin.api("PUT", "/api/v1/routes/e2e-prop", """
                    {"name": "e2e-prop", "service": "e2e-svc", "auth": "none", "paths": ["/prop/%d"]}
                    """.formatted(i)));
            awaitOnBothNodes("/prop/" + i, 200);
            assertThat(get(node1, "/prop/" + (i - 1)).statusCode()).as("previous path on node 1").isEqualTo(404);
            assertThat(get(node2, "/prop/" + (i - 1)).statusCode()).as("previous path on node 2").isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void nodesKeepServingWithAdminDownRestartFromDiskAndCatchUpLater() {
        created(admin.api("POST", "/api/v1/routes", """
                {"name": "e2e-lkg", "service": "e2e-svc", "auth": "none", "paths": ["/lkg"]}
                """));
        awaitOnBothNodes("/lkg", 200);

        admin.stop();
        assertThat(get(node1, "/lkg").statusCode()).isEqualTo(200);
        assertThat(get(node2, "/lkg").statusCode()).isEqualTo(200);

        // A node restarted while the admin is down starts from its last-known-good file.
        node1.restart().awaitReady(TestGateway.NODE_WAIT);
        assertThat(get(node1, "/lkg").statusCode()).isEqualTo(200);

        // Meanwhile a second admin instance on the same database takes a change the nodes cannot see yet.
        try (AdminInstance other = new AdminInstance(RuntimeNodeProcess.freePort()).start()) {
            created(other.api("POST", "/api/v1/routes", """
                    {"name": "e2e-meanwhile", "service": "e2e-svc", "auth": "none", "paths": ["/meanwhile"]}
                    """));
        }
        assertThat(get(node2, "/meanwhile").statusCode()).isEqualTo(404);

        admin.start();
        awaitOnBothNodes("/meanwhile", 200);
        assertThat(get(node1, "/lkg").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void changeOnOneAdminReachesNodesConnectedToAnother() {
        try (AdminInstance other = new AdminInstance(RuntimeNodeProcess.freePort()).start()) {
            created(other.api("POST", "/api/v1/routes", """
                    {"name": "e2e-cross", "service": "e2e-svc", "auth": "none", "paths": ["/cross"]}
                    """));
            awaitOnBothNodes("/cross", 200);
        }
    }

    @Test
    @Order(5)
    void nodeWithWrongClusterTokenGetsNothing() throws Exception {
        RuntimeNodeProcess intruder = RuntimeNodeProcess.start("e2e-intruder", admin.url(), "not-the-token");
        extraNodes.add(intruder);
        // The node is up and the admin has refused it twice, its configuration stream and its heartbeat: nothing.
        await("the intruder refused on its stream and its heartbeat").atMost(TestGateway.NODE_WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> intruder.readinessStatus() != -1
                        && intruder.output().contains("refused this node's cluster token (401 Unauthorized)")
                        && intruder.output().lines().anyMatch(line -> line.contains("Heartbeat to the admin at")
                                && line.contains("refused the cluster token (401)")));
        assertThat(intruder.readinessStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
        assertThat(get(intruder, "/lkg").statusCode()).isEqualTo(503);

        for (String auth : new String[] {null, "Bearer not-the-token", "Basic YWRtaW46YWRtaW4="}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(admin.url() + "/cluster/v1/config/stream?revision=0")).timeout(Duration.ofSeconds(5));
            if (auth != null) {
                request.header("Authorization", auth);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("stream with %s", auth).isEqualTo(401);
            assertThat(response.body()).doesNotContain("e2e-svc");
        }
    }

    /** Waits until both nodes answer {@code status} to a GET of {@code path} (polling each without pause). */
    private void awaitOnBothNodes(String path, int status) {
        for (RuntimeNodeProcess node : List.of(node1, node2)) {
            await("GET " + path + " answers " + status + " on " + node.nodeId()).atMost(TestGateway.APPLY_WAIT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> get(node, path).statusCode() == status);
        }
    }

    private static HttpResponse<String> get(RuntimeNodeProcess node, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.proxyUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on " + node.nodeId() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
