package dev.gatehouse.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.RuntimeNodeProcess;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.testsupport.TestGateway;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The failure cluster identity exists for: an admin started on an EMPTY database with the same cluster token, on
 * the address the nodes know, meets a node serving the first admin's routes. The node keeps serving them, keeps its
 * last known good file, and reports the refusal, which the new admin lists; once an ADMIN force-restores on the new
 * admin (adopting the nodes' cluster id), the node takes the new admin's configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIdentityEndToEndIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EchoUpstream upstream;
    private AdminInstance admin;
    private AdminInstance wrongAdmin;
    private RuntimeNodeProcess node;
    private int adminPort;

    @BeforeAll
    void startClusterOnTheRightDatabase() {
        upstream = new EchoUpstream("identity-upstream");
        adminPort = RuntimeNodeProcess.freePort();
        admin = new AdminInstance(adminPort).start();
        node = RuntimeNodeProcess.start("identity-node", admin.url(), AdminInstance.CLUSTER_TOKEN);
        node.awaitReady(TestGateway.NODE_WAIT);
        status(admin.api("POST", "/api/v1/services", """
                {"name": "identity-svc", "targets": [{"host": "127.0.0.1", "port": %d}]}
                """.formatted(upstream.port())), 201);
        status(admin.api("POST", "/api/v1/routes", """
                {"name": "identity-route", "service": "identity-svc", "auth": "none", "paths": ["/identity"]}
                """), 201);
    }

    @AfterAll
    void stopAll() {
        if (node != null) node.stop();
        if (wrongAdmin != null) wrongAdmin.stop();
        if (admin != null) admin.stop();
        if (upstream != null) upstream.close();
    }

    @Test
    void aNodeKeepsItsConfigurationFromAnAdminOnAnEmptyDatabaseUntilAForceRestore() throws Exception {
        await("the node serves the first admin's route", Duration.ofSeconds(30),
                () -> get("/identity/x") == 200);
        String cluster = json(admin.api("GET", "/api/v1/cluster", null)).get("id").asString();
        await("the node reports the first admin's cluster", Duration.ofSeconds(30),
                () -> cluster.equals(nodeRow(admin).path("clusterId").asString(null)));
        Path lkg = node.dataDir().resolve("config.json");
        // the node writes the file at most every 5 s: wait until it holds the admin's newest revision
        long revision = json(admin.api("GET", "/api/v1/config/revision", null)).get("revision").asLong();
        await("the last known good file holds revision " + revision, Duration.ofSeconds(30),
                () -> lkgRevision(lkg) == revision);
        byte[] lkgBefore = Files.readAllBytes(lkg);

        // The admin is replaced, on the same address, by one started on an empty database with the same token.
        admin.stop();
        wrongAdmin = new AdminInstance(adminPort, TestDatabase.createAnother()).start();
        String wrongCluster = json(wrongAdmin.api("GET", "/api/v1/cluster", null)).get("id").asString();
        assertThat(wrongCluster).isNotEqualTo(cluster);

        await("the new admin lists the node as refusing", Duration.ofSeconds(60),
                () -> "other-cluster".equals(nodeRow(wrongAdmin).path("refusal").path("reason").asString(null)));
        JsonNode row = nodeRow(wrongAdmin);
        assertThat(row.get("clusterId").asString()).isEqualTo(cluster);
        long nodeEpoch = row.get("epoch").asLong();
        assertThat(row.get("refusal").get("clusterId").asString()).isEqualTo(wrongCluster);
        assertThat(get("/identity/x")).as("calls still routed").isEqualTo(200);
        assertThat(Files.readAllBytes(lkg)).as("last known good file untouched").isEqualTo(lkgBefore);

        // Only a typed force restore changes that: the new admin adopts the nodes' cluster id in a new epoch.
        HttpResponse<String> restored = wrongAdmin.api("POST", "/api/v1/cluster/force-restore", """
                {"confirm": "%s", "reason": "end-to-end test: this empty database is the one to serve"}
                """.formatted(cluster));
        status(restored, 200);
        assertThat(json(restored).get("id").asString()).isEqualTo(cluster);
        // above the epoch the node reports (the shared test database may have been restored by other tests)
        assertThat(json(restored).get("epoch").asLong()).isEqualTo(nodeEpoch + 1);

        await("the node takes the restored configuration", Duration.ofSeconds(60), () -> get("/identity/x") == 404);
        await("the node accepts again", Duration.ofSeconds(30), () -> {
            JsonNode accepted = nodeRow(wrongAdmin);
            return accepted.path("refusal").isNull() && accepted.path("epoch").asLong() == nodeEpoch + 1
                    && cluster.equals(accepted.path("clusterId").asString(null));
        });
    }

    private JsonNode nodeRow(AdminInstance instance) {
        try {
            for (JsonNode row : json(instance.api("GET", "/api/v1/nodes", null))) {
                if ("identity-node".equals(row.get("id").asString())) {
                    return row;
                }
            }
        } catch (RuntimeException e) {
            // not up yet
        }
        return JSON.createObjectNode();
    }

    private int get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.proxyUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void status(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    }

    /**
     * The revision in a node's last known good file ({@code {"format":2,"snapshot":{...}}} on its first line, binary
     * keys after it), or -1 while there is none.
     */
    private static long lkgRevision(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                first.write(b);
            }
            return JSON.readTree(first.toString(StandardCharsets.UTF_8)).path("snapshot").path("revision").asLong(-1);
        } catch (IOException | RuntimeException e) {
            return -1; // not written yet
        }
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) {
        Awaitility.await(what).atMost(bound).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }
}
