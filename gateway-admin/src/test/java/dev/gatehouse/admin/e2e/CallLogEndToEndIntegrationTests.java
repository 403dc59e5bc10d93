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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Call records end to end: calls through two runtime node processes reach the admin's call log exactly once,
 * also when the admin is down for a while under traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallLogEndToEndIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EchoUpstream upstream;
    private AdminInstance admin;
    private List<RuntimeNodeProcess> nodes;
    private final Instant start = Instant.now().minusSeconds(5);

    @BeforeAll
    void startCluster() {
        upstream = new EchoUpstream("log-upstream");
        admin = new AdminInstance(RuntimeNodeProcess.freePort()).start();
        nodes = List.of(RuntimeNodeProcess.start("log-node-1", admin.url(), AdminInstance.CLUSTER_TOKEN),
                RuntimeNodeProcess.start("log-node-2", admin.url(), AdminInstance.CLUSTER_TOKEN));
        nodes.forEach(node -> node.awaitReady(TestGateway.NODE_WAIT));
        assertThat(admin.api("POST", "/api/v1/services", """
                {"name": "log-svc", "targets": [{"host": "127.0.0.1", "port": %d}]}
                """.formatted(upstream.port())).statusCode()).isEqualTo(201);
        assertThat(admin.api("POST", "/api/v1/routes", """
                {"name": "log-route", "service": "log-svc", "paths": ["/logged"], "auth": "none"}
                """).statusCode()).isEqualTo(201);
        for (RuntimeNodeProcess node : nodes) {
            await("route applied on " + node.nodeId()).atMost(TestGateway.APPLY_WAIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> call(node, "/logged/warmup").statusCode() == 200);
        }
    }

    @AfterAll
    void stopCluster() {
        if (nodes != null) nodes.forEach(RuntimeNodeProcess::stop);
        if (admin != null) admin.stop();
        if (upstream != null) upstream.close();
    }

    @Test
    @Order(1)
    void everyCallThroughTwoNodesIsRecordedOnceWithItsFields() {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            RuntimeNodeProcess node = nodes.get(i % 2);
            HttpResponse<String> response = call(node, "/logged/item/" + i + "?secret=not-logged");
            assertThat(response.statusCode()).isEqualTo(200);
            requestIds.add(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
        HttpResponse<String> miss = call(nodes.get(0), "/nowhere");
        assertThat(miss.statusCode()).isEqualTo(404);

        List<JsonNode> logged = awaitRecords("route=log-route&minLatencyMs=0", requestIds.size() + 2);
        Set<String> seen = new HashSet<>();
        for (JsonNode record : logged) {
            assertThat(seen.add(record.get("requestId").asString())).as("recorded once").isTrue();
        }
        assertThat(seen).containsAll(requestIds);
        JsonNode one = logged.stream().filter(r -> r.get("requestId").asString().equals(requestIds.get(3)))
                .findFirst().orElseThrow();
        assertThat(one.get("path").asString()).isEqualTo("/logged/item/3");
        assertThat(one.get("method").asString()).isEqualTo("GET");
        assertThat(one.get("status").asInt()).isEqualTo(200);
        assertThat(one.get("serviceName").asString()).isEqualTo("log-svc");
        assertThat(one.get("nodeId").asString()).isEqualTo("log-node-2");
        assertThat(one.toString()).doesNotContain("not-logged");

        String missId = miss.headers().firstValue("X-Request-Id").orElseThrow();
        HttpResponse<String> missRecord = awaitOne(missId);
        assertThat(JSON.readTree(missRecord.body()).get("errorCode").asString()).isEqualTo("no_route");
    }

    @Test
    @Order(2)
    void recordsMadeWhileTheAdminIsDownArriveOnceWhenItIsBack() {
        admin.stop();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = call(nodes.get(i % 2), "/logged/offline/" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            requestIds.add(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
        // each node has tried the admin, failed, and keeps its records in its spool until the admin is back
        for (RuntimeNodeProcess node : nodes) {
            await("records spooled on " + node.nodeId()).atMost(Duration.ofSeconds(30))
                    .until(() -> node.metric("gatehouse_calllog_spool_batches") > 0);
        }
        admin.start();
        List<JsonNode> logged = awaitRecords("route=log-route", 60 + 2 + 40);
        Set<String> seen = new HashSet<>();
        for (JsonNode record : logged) {
            assertThat(seen.add(record.get("requestId").asString())).as("recorded once").isTrue();
        }
        assertThat(seen).containsAll(requestIds);
    }

    /**
     * Pages through the logs API until at least {@code expected} records match; then until a call made afterwards
     * through each node is recorded too. A node ships its records in order (spooled ones first), so by then any
     * second copy of the records counted would have arrived: exactly {@code expected} must match.
     */
    private List<JsonNode> awaitRecords(String filter, int expected) {
        await("at least " + expected + " records for " + filter).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> fetchAll(filter).size() >= expected);
        for (RuntimeNodeProcess node : nodes) {
            HttpResponse<String> later = call(node, "/after/" + UUID.randomUUID());
            awaitOne(later.headers().firstValue("X-Request-Id").orElseThrow());
        }
        List<JsonNode> all = fetchAll(filter);
        assertThat(all).as("records for " + filter).hasSize(expected);
        return all;
    }

    private List<JsonNode> fetchAll(String filter) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = admin.api("GET", "/api/v1/logs?limit=25&from=" + start + "&" + filter
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(items::add);
            JsonNode next = body.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return items;
    }

    private HttpResponse<String> awaitOne(String requestId) {
        HttpResponse<String> response = await("the record of " + requestId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admin.api("GET", "/api/v1/logs/" + requestId, null), r -> r.statusCode() != 404);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> call(RuntimeNodeProcess node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.proxyUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + " on " + node.nodeId() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
