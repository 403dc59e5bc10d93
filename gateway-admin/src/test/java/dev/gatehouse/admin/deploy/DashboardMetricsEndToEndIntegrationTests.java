package dev.gatehouse.admin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.Scrape;
import dev.gatehouse.admin.testsupport.TestGateway;
import dev.gatehouse.admin.testsupport.TestUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every metric a Grafana dashboard ({@code deploy/grafana/dashboards/*.json}) or an alert rule
 * ({@code deploy/prometheus/alerts.yml}) reads exists: a real admin and a real node (a separate JVM) serve a few
 * calls, one of them failing upstream, on a route with a circuit breaker; then both {@code /actuator/prometheus}
 * endpoints are scraped and each metric name of each expression must appear in one of them. A dashboard naming a
 * metric that nobody exports fails here, with the panel or alert named.
 */
@AdminIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardMetricsEndToEndIntegrationTests {

    /** Series Prometheus makes itself for every target, not scraped from it. */
    private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int port;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeAll
    void startNodeWithTraffic() throws Exception {
        upstream = TestUpstream.start("dm-upstream");
        gateway = TestGateway.start("http://127.0.0.1:" + port);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        api("POST", "/api/v1/services", """
                {"name": "dm-svc", "targets": [{"host": "%s", "port": %d}]}""".formatted(upstream.host(), upstream.port()));
        api("POST", "/api/v1/services", """
                {"name": "dm-dead-svc", "targets": [{"host": "127.0.0.1", "port": %d}]}""".formatted(closed));
        api("POST", "/api/v1/routes", """
                {"name": "dm-ok", "service": "dm-svc", "paths": ["/dm/ok"], "auth": "none"}""");
        api("POST", "/api/v1/routes", """
                {"name": "dm-dead", "service": "dm-dead-svc", "paths": ["/dm/dead"], "auth": "none"}""");
        api("POST", "/api/v1/policies", """
                {"name": "dm-breaker", "scope": "route", "route": "dm-ok",
                 "config": {"type": "circuit-breaker", "failureRateThreshold": 50, "slidingWindowSize": 10,
                            "minimumCalls": 5, "openStateMs": 60000, "halfOpenCalls": 1}}""");
        long revision = AdminApi.revision();
        Awaitility.await("node applies revision " + revision).atMost(TestGateway.APPLY_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> node().valueOr("gatehouse_config_revision", -1) >= revision);

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.awaitStatus("/dm/ok/" + i, s -> s == 200, TestGateway.APPLY_WAIT)).isEqualTo(200);
        }
        assertThat(gateway.get("/dm/dead")).isEqualTo(502);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        for (String path : new String[] {"/api/v1/policies/dm-breaker", "/api/v1/routes/dm-ok",
                "/api/v1/routes/dm-dead", "/api/v1/services/dm-svc", "/api/v1/services/dm-dead-svc"}) {
            send("DELETE", path, null);
        }
    }

    @Test
    void everyMetricADashboardOrAlertReadsIsExported() {
        // the node ships its calls within a second and the admin's node registry refreshes every 5 s
        Awaitility.await("calls shipped and the node in the admin's metrics").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Scrape admin = admin();
                    return admin.valueOr("gatehouse_admin_calllog_ingested_records_total", 0) >= 6
                            && admin.has("gatehouse_admin_node_heartbeat_age_seconds");
                });
        Set<String> exported = new TreeSet<>(SYNTHETIC);
        admin().samples().forEach(s -> exported.add(s.name()));
        node().samples().forEach(s -> exported.add(s.name()));

        Map<String, String> expressions = DeployFiles.expressions();
        assertThat(expressions).as("expressions found in deploy/").hasSizeGreaterThan(40);
        Map<String, Set<String>> missing = new TreeMap<>();
        Set<String> read = new TreeSet<>();
        expressions.forEach((where, expr) -> {
            Set<String> names = PromQl.metricNames(expr);
            read.addAll(names);
            Set<String> absent = names.stream().filter(n -> !exported.contains(n)).collect(Collectors.toSet());
            if (!absent.isEmpty()) {
                missing.put(where, absent);
            }
        });
        assertThat(read).as("metric names read by dashboards and alerts").hasSizeGreaterThan(30);
        assertThat(missing).as("metrics read by deploy/ but exported by neither admin nor node").isEmpty();
    }

    private Scrape admin() {
        return Scrape.parse(get("http://127.0.0.1:" + port + "/actuator/prometheus",
                "Bearer " + AdminIntegrationTest.METRICS_TOKEN));
    }

    private Scrape node() {
        return Scrape.parse(get("http://127.0.0.1:" + gateway.node().managementPort() + "/actuator/prometheus", null));
    }

    private static String get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void api(String method, String path, String json) {
        HttpResponse<String> response = send(method, path, json);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(201);
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
