package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestGateway;
import dev.gatehouse.admin.testsupport.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A composite route from end to end: created through the admin API, published to a real node (a separate JVM),
 * called there against two real upstream servers, and its call with both steps in the admin's call log.
 */
@AdminIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompositeEndToEndIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    private TestUpstream catalogue;
    private TestUpstream prices;
    private TestGateway gateway;

    @BeforeAll
    void start() {
        catalogue = TestUpstream.start("catalogue");
        prices = TestUpstream.start("prices");
        gateway = TestGateway.start("http://127.0.0.1:" + port);
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        catalogue.close();
        prices.close();
        AdminApi api = new AdminApi(mvc);
        api.delete("/api/v1/routes/e2e-page");
        api.delete("/api/v1/services/e2e-catalogue");
        api.delete("/api/v1/services/e2e-prices");
    }

    @Test
    void aCompositeRouteCreatedInTheAdminAnswersOnANodeAndItsStepsAreLogged() throws Exception {
        AdminApi api = new AdminApi(mvc);
        api.post("/api/v1/services", """
                {"name": "e2e-catalogue", "targets": [{"host": "127.0.0.1", "port": %d}]}"""
                .formatted(catalogue.port())).andExpect(status().isCreated());
        api.post("/api/v1/services", """
                {"name": "e2e-prices", "targets": [{"host": "127.0.0.1", "port": %d}]}"""
                .formatted(prices.port())).andExpect(status().isCreated());
        api.post("/api/v1/routes", """
                {"name": "e2e-page", "kind": "composite", "paths": ["/e2e-page"], "auth": "none",
                 "composite": {"deadlineMs": 5000, "steps": [
                   {"name": "product", "service": "e2e-catalogue", "path": "/products/{path.1}"},
                   {"name": "price", "service": "e2e-prices", "path": "/prices/{step.product/upstream}",
                    "dependsOn": ["product"], "placement": "merge",
                    "fields": [{"pointer": "/upstream", "as": "pricedBy"}]}]}}""")
                .andExpect(status().isCreated());

        assertThat(gateway.awaitStatus("/e2e-page/42", s -> s == 200, TestGateway.APPLY_WAIT)).isEqualTo(200);
        String requestId = "e2e-" + UUID.randomUUID();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/e2e-page/42")))
                .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // the product nested under its step's name; the price step merged, reduced to one renamed member
        assertThat(answer.body()).isEqualTo("{\"product\":{\"upstream\":\"catalogue\"},\"pricedBy\":\"prices\"}");

        // the node ships the call and its two steps; the admin lists the call once with its steps by start
        Awaitility.await("the composite call in the call log").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> AdminApi.longQuery("SELECT count(*) FROM call_log WHERE request_id = '" + requestId
                        + "'") == 3);
        api.get("/api/v1/logs/" + requestId)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.routeName").value("e2e-page"))
                .andExpect(jsonPath("$.composite").value(true))
                .andExpect(jsonPath("$.steps[*].name").value(Matchers.contains("product", "price")))
                .andExpect(jsonPath("$.steps[0].serviceName").value("e2e-catalogue"))
                .andExpect(jsonPath("$.steps[0].path").value("/products/42"))
                .andExpect(jsonPath("$.steps[1].path").value("/prices/catalogue"))
                .andExpect(jsonPath("$.steps[1].status").value(200));
    }
}
