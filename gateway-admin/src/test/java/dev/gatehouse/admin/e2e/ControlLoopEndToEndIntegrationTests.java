package dev.gatehouse.admin.e2e;

import dev.gatehouse.admin.testsupport.TestGateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * JVMs started from the runtime jar) against the real PostgreSQL, with an upstream behind them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlLoopEndToEndIntegrationTests {

    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(1);
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
        awaitOnBothNodes("/e2e/orders/42", 200, PROPAGATION_BOUND);
        assertThat(get(node1, "/e2e/orders/42").body()).contains("\"path\":\"/base/42\"");

        ok(admin.api("PUT", "/api/v1/routes/e2e-orders", """
                {"name": "e2e-orders", "service": "e2e-svc", "auth": "none", "paths": ["/e2e/v2/orders"], "stripPrefix": false}
                """));
        awaitOnBothNodes("/e2e/v2/orders/7", 200, PROPAGATION_BOUND);
        assertThat(get(node2, "/e2e/v2/orders/7").body()).contains("\"path\":\"/base/e2e/v2/orders/7\"");
        assertThat(get(node1, "/e2e/orders/42").statusCode()).isEqualTo(404);
        assertThat(get(node2, "/e2e/orders/42").statusCode()).isEqualTo(404);

        assertThat(admin.api("DELETE", "/api/v1/routes/e2e-orders", null).statusCode()).isEqualTo(204);
        awaitOnBothNodes("/e2e/v2/orders/7", 404, PROPAGATION_BOUND);
        HttpResponse<String> notFound = get(node1, "/e2e/v2/orders/7");
        assertThat(notFound.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /**
     * Measures, over 100 changes, the time from the API call to both nodes serving the change. Prints the
     * figures for the README; asserts only the 1-second bound the control loop promises.
     */
    @Test
    @Order(2)
    void propagationOverOneHundredChanges() {
        created(admin.api("POST", "/api/v1/routes", """
                {"name": "e2e-prop", "service": "e2e-svc", "auth": "none", "paths": ["/prop/0"]}
                """));
        awaitOnBothNodes("/prop/0", 200, Duration.ofSeconds(5));
        List<Long> micros = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            long start = System.nanoTime();
            ok(admin.api("PUT", "/api/v1/routes/e2e-prop", """
                    {"name": "e2e-prop", "service": "e2e-svc", "auth": "none", "paths": ["/prop/%d"]}
                    """.formatted(i)));
            awaitOnBothNodes("/prop/" + i, 200, Duration.ofSeconds(5));
            micros.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(micros);
        long median = micros.get(micros.size() / 2);
        long worst = micros.get(micros.size() - 1);
        System.out.printf("PROPAGATION admin API -> 2 nodes over %d changes: median %.1f ms, p90 %.1f ms, worst %.1f ms%n",
                micros.size(), median / 1000.0, micros.get(89) / 1000.0, worst / 1000.0);
        assertThat(Duration.ofNanos(worst * 1_000)).isLessThan(PROPAGATION_BOUND);
    }

    @Test
    @Order(3)
    void nodesKeepServingWithAdminDownRestartFromDiskAndCatchUpLater() {
        created(admin.api("POST", "/api/v1/routes", """
                {"name": "e2e-lkg", "service": "e2e-svc", "auth": "none", "paths": ["/lkg"]}
                """));
        awaitOnBothNodes("/lkg", 200, PROPAGATION_BOUND);

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
        awaitOnBothNodes("/meanwhile", 200, Duration.ofSeconds(30));
        assertThat(get(node1, "/lkg").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void changeOnOneAdminReachesNodesConnectedToAnother() {
        try (AdminInstance other = new AdminInstance(RuntimeNodeProcess.freePort()).start()) {
            created(other.api("POST", "/api/v1/routes", """
                    {"name": "e2e-cross", "service": "e2e-svc", "auth": "none", "paths": ["/cross"]}
                    """));
            awaitOnBothNodes("/cross", 200, PROPAGATION_BOUND);
        }
    }

    @Test
    @Order(5)
    void nodeWithWrongClusterTokenGetsNothing() throws Exception {
        RuntimeNodeProcess intruder = RuntimeNodeProcess.start("e2e-intruder", admin.url(), "not-the-token");
        extraNodes.add(intruder);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (intruder.readinessStatus() == -1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // The node is up and has had time for several attempts against the admin: still nothing.
        Thread.sleep(3_000);
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

    private void awaitOnBothNodes(String path, int status, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean one = false;
        boolean two = false;
        while (!(one && two)) {
            one = one || get(node1, path).statusCode() == status;
            two = two || get(node2, path).statusCode() == status;
            if (System.nanoTime() > deadline && !(one && two)) {
                throw new AssertionError("GET " + path + " did not answer " + status + " within " + bound
                        + " on " + (one ? "" : node1.nodeId() + " ") + (two ? "" : node2.nodeId()));
            }
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
