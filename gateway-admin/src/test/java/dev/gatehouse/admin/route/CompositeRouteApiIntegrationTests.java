package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.config.composite.StepField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Composite routes through the API, the real schema and the node stream: a product page answered from catalogue,
 * price and stock services; every rule of a bad composite named by its field and changing nothing.
 */
@AdminIntegrationTest
class CompositeRouteApiIntegrationTests {

    private static final String CATALOGUE = "composite-catalogue";
    private static final String PRICE = "composite-price";
    private static final String STOCK = "composite-stock";
    private static final String FIXTURE = "composite-fixture";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    RouteService routes;
    @Autowired
    RevisionService revisions;
    AdminApi api;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        // Shared fixtures, created once (a second create answers 409, which is fine).
        for (String service : List.of(CATALOGUE, PRICE, STOCK)) {
            api.post("/api/v1/services", """
                    {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service));
        }
        api.post("/api/v1/routes", productPage(FIXTURE, "/composite-fixture"));
    }

    // Composite routes live only as long as the test that made them: other test classes in this JVM start real
    // runtime nodes on the same database, and those must be able to compile every route they are sent.
    @AfterEach
    void deleteCompositeRoutes() {
        routes.list().stream().filter(route -> route.composite() != null).forEach(route -> routes.delete(route.id()));
    }

    /** The README's example: a product from the catalogue, its price for the seller and its stock. */
    static String productPage(String name, String path) {
        return """
                {"name": "%s", "kind": "composite", "paths": ["%s"], "auth": "none",
                 "composite": {"deadlineMs": 2000, "steps": [
                   {"name": "product", "service": "%s", "path": "/products/{path.1}", "placement": "merge",
                    "fields": [{"pointer": "/id"}, {"pointer": "/title", "as": "name"}, {"pointer": "/sellerId"}]},
                   {"name": "price", "service": "%s", "path": "/prices/{path.1}",
                    "query": {"seller": "{step.product/sellerId}", "currency": "{query.currency}"},
                    "headers": {"X-Request-Id": "{header.X-Request-Id}"},
                    "dependsOn": ["product"], "timeoutMs": 500, "fields": [{"pointer": "/amount/value", "as": "amount"}]},
                   {"name": "stock", "service": "%s", "path": "/stock/{path.1}", "required": false, "timeoutMs": 300}
                 ]}}""".formatted(name, path, CATALOGUE, PRICE, STOCK);
    }

    @Test
    void createsReadsSwitchesKindAndDeletes() throws Exception {
        String name = unique("product-page");
        long before = AdminApi.revision();

        String body = api.post("/api/v1/routes", productPage(name, "/" + name))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        JsonNode created = mapper.readTree(body);
        String id = created.get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(created.get("kind").asString()).isEqualTo("composite");
        assertThat(created.path("service").isNull() || created.path("service").isMissingNode()).isTrue();

        JsonNode read = mapper.readTree(api.get("/api/v1/routes/" + name).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        JsonNode composite = read.get("composite");
        assertThat(composite.get("deadlineMs").asInt()).isEqualTo(2000);
        assertThat(composite.get("maxStepResponseBytes").asInt()).isEqualTo(CompositeSpec.DEFAULT_MAX_STEP_RESPONSE_BYTES);
        assertThat(composite.get("maxResponseBytes").asInt()).isEqualTo(CompositeSpec.DEFAULT_MAX_RESPONSE_BYTES);
        JsonNode steps = composite.get("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("service").asString()).isEqualTo(CATALOGUE);
        assertThat(steps.get(0).get("method").asString()).isEqualTo("GET");
        assertThat(steps.get(0).get("placement").asString()).isEqualTo("merge");
        assertThat(steps.get(0).get("required").asBoolean()).isTrue();
        assertThat(steps.get(0).get("fields").get(1).get("as").asString()).isEqualTo("name");
        assertThat(steps.get(1).get("service").asString()).isEqualTo(PRICE);
        assertThat(steps.get(1).get("query").get("seller").asString()).isEqualTo("{step.product/sellerId}");
        assertThat(steps.get(1).get("headers").get("X-Request-Id").asString()).isEqualTo("{header.X-Request-Id}");
        assertThat(steps.get(1).get("dependsOn").get(0).asString()).isEqualTo("product");
        assertThat(steps.get(1).get("timeoutMs").asInt()).isEqualTo(500);
        assertThat(steps.get(1).get("placement").asString()).isEqualTo("nest");
        assertThat(steps.get(2).get("required").asBoolean()).isFalse();
        assertThat(stepRows(id)).containsExactly("product", "price", "stock");

        // What GET shows can be sent back: the same composite, no change but the version.
        api.put("/api/v1/routes/" + id, """
                        {"kind": "composite", "paths": ["/%s"], "auth": "none", "composite": %s}"""
                        .formatted(name, mapper.writeValueAsString(composite)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.composite.steps[1].query.seller").value("{step.product/sellerId}"));
        assertThat(routes.findSpec(id).orElseThrow().composite().steps()).hasSize(3);

        // Proxy, then composite again, by PUT.
        api.put("/api/v1/routes/" + id, """
                        {"service": "%s", "paths": ["/%s"]}""".formatted(CATALOGUE, name))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("proxy"))
                .andExpect(jsonPath("$.service").value(CATALOGUE));
        assertThat(stepRows(id)).isEmpty();
        assertThat(routes.findSpec(id).orElseThrow().composite()).isNull();

        api.put("/api/v1/routes/" + id, """
                        {"kind": "composite", "paths": ["/%s"], "composite": {"steps": [
                          {"name": "only", "service": "%s", "method": "post", "path": "/stock", "passBody": true}]}}"""
                        .formatted(name, STOCK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("composite"))
                .andExpect(jsonPath("$.composite.deadlineMs").value(CompositeSpec.DEFAULT_DEADLINE_MS))
                .andExpect(jsonPath("$.composite.steps[0].method").value("POST"))
                .andExpect(jsonPath("$.composite.steps[0].passBody").value(true));
        assertThat(stepRows(id)).containsExactly("only");
        assertThat(routes.findSpec(id).orElseThrow().serviceId()).isNull();

        api.delete("/api/v1/routes/" + id).andExpect(status().isNoContent());
        api.get("/api/v1/routes/" + id).andExpect(status().isNotFound());
        assertThat(stepRows(id)).isEmpty();
        assertThat(AdminApi.revision()).isEqualTo(before + 5);
    }

    @Test
    void routesOfAServiceIncludeCompositeRoutesWhoseStepsCallIt() {
        assertThat(routes.listByService(STOCK)).extracting(RouteView::name).contains(FIXTURE);
        assertThat(routes.listByService(PRICE)).extracting(RouteView::name).contains(FIXTURE);
        RouteView fixture = routes.get(FIXTURE);
        assertThat(fixture.serviceNames()).containsExactly(CATALOGUE, PRICE, STOCK);
    }

    @Test
    void aServiceAStepCallsCannotBeDeleted() throws Exception {
        String before = AdminApi.fingerprint();
        api.delete("/api/v1/services/" + STOCK)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("in_use"))
                .andExpect(jsonPath("$.detail").value(containsString("route " + FIXTURE + " (step stock)")));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);

        // The database refuses it too, whatever the admin checks.
        try (Connection c = TestDatabase.get().open(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM services WHERE name = '" + STOCK + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("route_steps");
        }
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }

    @Test
    void compositeRoutesReachNodesAsChangesAndInSnapshots() throws Exception {
        String name = unique("published-page");
        try (SseClient stream = connect()) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));

            String id = mapper.readTree(api.post("/api/v1/routes", productPage(name, "/" + name))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                    .get("id").asString();
            ConfigChangeSet set = node.applyNext(stream, Duration.ofSeconds(2));
            assertThat(set.changes()).singleElement().satisfies(change -> {
                assertThat(change.kind()).isEqualTo(EntityKind.ROUTE);
                assertThat(change.op()).isEqualTo(ChangeOp.UPSERT);
            });
            RouteSpec onNode = node.state().routes().get(id);
            assertThat(onNode.serviceId()).isNull();
            CompositeSpec composite = onNode.composite();
            assertThat(composite.deadlineMs()).isEqualTo(2000);
            assertThat(composite.steps()).extracting(CompositeStep::name).containsExactly("product", "price", "stock");
            assertThat(composite.step("price")).isEqualTo(new CompositeStep("price", serviceId(PRICE), "GET",
                    "/prices/{path.1}", Map.of("seller", "{step.product/sellerId}", "currency", "{query.currency}"),
                    Map.of("X-Request-Id", "{header.X-Request-Id}"), false, List.of("product"), 500, true,
                    Placement.NEST, List.of(new StepField("/amount/value", "amount"))));
            assertThat(onNode.serviceIds()).containsExactly(serviceId(CATALOGUE), serviceId(PRICE), serviceId(STOCK));
            assertThat(node.hash()).isEqualTo(revisions.current().hash());
        }

        // A fresh node gets it in its snapshot (whose hash readSnapshot verifies), and the whole state is valid.
        try (SseClient stream = connect()) {
            TestNode fresh = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            assertThat(fresh.state().routes().values()).anySatisfy(route -> {
                assertThat(route.name()).isEqualTo(name);
                assertThat(route.composite().steps()).hasSize(3);
            });
            assertThat(new ConfigValidator().validate(fresh.state())).isEmpty();
        }
    }

    static Stream<Arguments> badComposites() {
        String step = "{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\"}";
        return Stream.of(
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\"},"
                        + " {\"name\": \"b\", \"service\": \"no-such-service\", \"path\": \"/b\"}"),
                        "validation_failed", "composite.steps[1].service"),
                Arguments.of(composite("{\"name\": \"a\", \"path\": \"/a\"}"), "validation_failed",
                        "composite.steps[0].service"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a/{path.x}\"}"),
                        "validation_failed", "composite.steps[0].path"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"a\"}"),
                        "validation_failed", "composite.steps[0].path"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"query\": {\"q\": \"${jndi:ldap://x}\"}}"), "validation_failed", "composite.steps[0].query.q"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"headers\": {\"Host\": \"evil\"}}"), "validation_failed", "composite.steps[0].headers.Host"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"fields\": [{\"pointer\": \"price\"}]}"), "validation_failed",
                        "composite.steps[0].fields[0].pointer"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"fields\": [{\"pointer\": \"/a~2b\"}]}"), "validation_failed",
                        "composite.steps[0].fields[0].pointer"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"fields\": [null]}"), "validation_failed", "composite.steps[0].fields[0]"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"dependsOn\": [\"b\"]}, {\"name\": \"b\", \"service\": \"" + PRICE + "\", \"path\": \"/b\","
                        + " \"dependsOn\": [\"a\"]}"), "validation_failed", "composite.steps"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"dependsOn\": [\"nobody\"]}"), "validation_failed", "composite.steps[0].dependsOn[0]"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"dependsOn\": [null]}"), "validation_failed", "composite.steps[0].dependsOn[0]"),
                Arguments.of(composite(step + ", {\"name\": \"b\", \"service\": \"" + PRICE + "\","
                        + " \"path\": \"/b/{step.a/id}\"}"), "validation_failed", "composite.steps[1].dependsOn"),
                Arguments.of(composite(step + ", " + step), "validation_failed", "composite.steps[1].name"),
                Arguments.of(composite("{\"name\": \"Bad Name\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\"}"),
                        "validation_failed", "composite.steps[0].name"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"passBody\": true}, {\"name\": \"b\", \"service\": \"" + PRICE + "\", \"path\": \"/b\","
                        + " \"passBody\": true}"), "validation_failed", "composite.steps[1].passBody"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"placement\": \"inline\"}"), "validation_failed", "composite.steps[0].placement"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"timeoutMs\": 5000}", 1000), "validation_failed", "composite.steps[0].timeoutMs"),
                Arguments.of(composite(step, 500_000), "validation_failed", "composite.deadlineMs"),
                Arguments.of(composite("null"), "validation_failed", "composite.steps[0]"),
                Arguments.of(composite(""), "validation_failed", "composite.steps"),
                Arguments.of(composite("{\"name\": \"a\", \"service\": \"" + CATALOGUE + "\", \"path\": \"/a\","
                        + " \"nmae\": \"x\"}"), "unknown_field", "composite.steps[0].nmae"),
                Arguments.of("{\"name\": \"r\", \"kind\": \"composite\", \"paths\": [\"/r\"], \"composite\":"
                        + " {\"steps\": [" + step + "], \"deadline\": 5}}", "unknown_field", "composite.deadline"),
                Arguments.of("{\"name\": \"r\", \"kind\": \"composite\", \"service\": \"" + CATALOGUE + "\","
                        + " \"paths\": [\"/r\"], \"composite\": {\"steps\": [" + step + "]}}", "validation_failed",
                        "service"),
                Arguments.of("{\"name\": \"r\", \"service\": \"" + CATALOGUE + "\", \"paths\": [\"/r\"],"
                        + " \"composite\": {\"steps\": [" + step + "]}}", "validation_failed", "composite"),
                Arguments.of("{\"name\": \"r\", \"kind\": \"composite\", \"paths\": [\"/r\"]}", "validation_failed",
                        "composite"),
                Arguments.of("{\"name\": \"r\", \"kind\": \"aggregate\", \"service\": \"" + CATALOGUE + "\","
                        + " \"paths\": [\"/r\"]}", "validation_failed", "kind"));
    }

    private static String composite(String steps) {
        return composite(steps, 0);
    }

    private static String composite(String steps, int deadlineMs) {
        return "{\"name\": \"r\", \"kind\": \"composite\", \"paths\": [\"/r\"], \"composite\": {"
                + (deadlineMs == 0 ? "" : "\"deadlineMs\": " + deadlineMs + ", ") + "\"steps\": [" + steps + "]}}";
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badComposites")
    void aBadCompositeIsRefusedOnItsFieldAndChangesNothing(String body, String code, String field) throws Exception {
        String stored = api.get("/api/v1/routes/" + FIXTURE).andReturn().getResponse().getContentAsString();
        for (String method : List.of("POST", "PUT")) {
            String before = AdminApi.fingerprint();
            long revision = AdminApi.revision();
            var result = "POST".equals(method) ? api.post("/api/v1/routes", body)
                    : api.put("/api/v1/routes/" + FIXTURE, body.replace("\"name\": \"r\", ", ""));
            result.andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value(code))
                    .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
            assertThat(AdminApi.revision()).as(method).isEqualTo(revision);
            assertThat(AdminApi.fingerprint()).as(method).isEqualTo(before);
        }
        api.get("/api/v1/routes/" + FIXTURE).andExpect(content().json(stored));
        api.get("/api/v1/routes/r").andExpect(status().isNotFound());
    }

    private String serviceId(String name) throws Exception {
        return mapper.readTree(api.get("/api/v1/services/" + name).andReturn().getResponse().getContentAsString())
                .get("id").asString();
    }

    /** Names of the stored steps of a route, in position order. */
    private static List<String> stepRows(String routeId) throws SQLException {
        try (Connection c = TestDatabase.get().open();
             PreparedStatement s = c.prepareStatement(
                     "SELECT name FROM route_steps WHERE route_id = ? ORDER BY position")) {
            s.setObject(1, UUID.fromString(routeId));
            try (ResultSet rs = s.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }

    private SseClient connect() {
        return SseClient.connect("http://127.0.0.1:" + port + ClusterProtocol.STREAM_PATH + "?"
                        + ClusterProtocol.REVISION_PARAM + "=0",
                "Authorization", "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN,
                ClusterProtocol.NODE_ID_HEADER, "composite-test-node");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
