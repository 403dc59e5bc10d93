package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.ClusterProtocol;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Strict JSON on every endpoint that reads it: a duplicate key, a coerced value, an oversized list or an oversized
 * body is refused with problem+json naming the field, and nothing changes (tables, revision, node registry).
 */
@AdminIntegrationTest
class StrictJsonIntegrationTests {

    private static final String SERVICE = "strict-json-svc";
    private static final String CONSUMER = "strict-json-consumer";
    private static final String KEYS = "/api/v1/consumers/" + CONSUMER + "/keys";
    private static final String ROUTE = "{\"name\": \"strict-r\", \"service\": \"" + SERVICE + "\", \"paths\": [\"/strict\"]%s}";
    private static final String TARGET = "{\"name\": \"strict-s\", \"targets\": [{\"host\": \"h\", \"port\": %s}]}";
    private static final String POLICY = "{\"name\": \"strict-p\", \"scope\": \"global\", \"config\": {%s}}";

    @Autowired
    MockMvc mvc;
    @LocalServerPort
    int port;
    AdminApi api;
    String keyId;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        // Created once; later calls answer 409, which is fine.
        api.post("/api/v1/services", "{\"name\": \"" + SERVICE + "\", \"targets\": [{\"host\": \"127.0.0.1\", \"port\": 9000}]}");
        api.post("/api/v1/consumers", "{\"name\": \"" + CONSUMER + "\"}");
        String keys = api.get(KEYS).andReturn().getResponse().getContentAsString();
        if (!keys.contains("\"active\"")) {
            api.post(KEYS);
            keys = api.get(KEYS).andReturn().getResponse().getContentAsString();
        }
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"[^}]*\"status\":\"active\"").matcher(keys);
        assertThat(id.find()).as("an active fixture key in %s", keys).isTrue();
        keyId = id.group(1);
    }

    /** A JSON array of n distinct strings made by the format. */
    private static String strings(int n, String format) {
        return IntStream.range(0, n).mapToObj(i -> "\"" + format.formatted(i) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static Stream<Arguments> strictCases() {
        return Stream.of(
                // duplicate keys: the last one would win, here opening a route that asked for keys
                Arguments.of("POST", "/api/v1/routes", ROUTE.formatted(", \"auth\": \"key\", \"auth\": \"none\""),
                        400, "duplicate_key", "auth"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"strict-s\", \"targets\": [{\"host\": \"h\", \"port\": 80, \"port\": 81}]}",
                        400, "duplicate_key", "targets[0].port"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"strict-c\", \"name\": \"other\"}", 400,
                        "duplicate_key", "name"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"strict-plan\", \"quotas\": [], \"quotas\": []}",
                        400, "duplicate_key", "quotas"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"routes\": [], \"routes\": []}}", 400, "duplicate_key",
                        "scopes.routes"),
                Arguments.of("POST", "/api/v1/policies",
                        POLICY.formatted("\"type\": \"request-size\", \"maxBytes\": 10, \"maxBytes\": 0"), 400,
                        "duplicate_key", "config.maxBytes"),
                // no coercion: fractions, exponents, strings and booleans are not whole numbers
                Arguments.of("POST", "/api/v1/services", TARGET.formatted("80.5"), 400, "malformed_json",
                        "targets[0].port"),
                Arguments.of("POST", "/api/v1/services", TARGET.formatted("1e3"), 400, "malformed_json",
                        "targets[0].port"),
                Arguments.of("POST", "/api/v1/services", TARGET.formatted("\"80\""), 400, "malformed_json",
                        "targets[0].port"),
                Arguments.of("POST", "/api/v1/services", TARGET.formatted("true"), 400, "malformed_json",
                        "targets[0].port"),
                Arguments.of("POST", "/api/v1/services", "{\"name\": 5, \"targets\": [{\"host\": \"h\", \"port\": 80}]}",
                        400, "malformed_json", "name"),
                Arguments.of("POST", "/api/v1/routes", ROUTE.formatted(", \"priority\": 1.5"), 400, "malformed_json",
                        "priority"),
                Arguments.of("POST", "/api/v1/routes", ROUTE.formatted(", \"enabled\": 0"), 400, "malformed_json",
                        "enabled"),
                Arguments.of("POST", "/api/v1/routes", ROUTE.formatted(", \"hosts\": \"api.example.com\""), 400,
                        "malformed_json", "hosts"),
                Arguments.of("POST", "/api/v1/plans",
                        "{\"name\": \"strict-plan\", \"rateLimits\": [{\"requests\": 1.5, \"window\": \"second\"}]}",
                        400, "malformed_json", "rateLimits[0].requests"),
                Arguments.of("POST", KEYS + "/{key}/rotate", "{\"gracePeriodSeconds\": 60.5}", 400, "malformed_json",
                        "gracePeriodSeconds"),
                Arguments.of("POST", "/api/v1/policies", POLICY.formatted("\"type\": \"request-size\", \"maxBytes\": 1e3"),
                        400, "validation_failed", "config.maxBytes"),
                Arguments.of("POST", "/api/v1/services", "{\"name\": \"strict-s\"} {}", 400, "malformed_json", null),
                // list caps: 100 entries, 1,000 for targets and CIDR lists
                Arguments.of("POST", "/api/v1/routes", ROUTE.formatted(", \"hosts\": " + strings(101, "h%d.example")),
                        400, "too_many_items", "hosts"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"strict-r\", \"service\": \"" + SERVICE + "\", \"paths\": " + strings(101, "/p%d")
                                + "}", 400, "too_many_items", "paths"),
                Arguments.of("POST", "/api/v1/services", "{\"name\": \"strict-s\", \"targets\": "
                        + IntStream.range(0, 1_001).mapToObj(i -> "{\"host\": \"h\", \"port\": " + (i + 1) + "}")
                        .collect(Collectors.joining(", ", "[", "]")) + "}", 400, "too_many_items", "targets"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"strict-c\", \"groups\": " + strings(101, "g%d")
                        + "}", 400, "too_many_items", "groups"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"tags\": " + strings(101, "t%d") + "}}", 400,
                        "too_many_items", "scopes.tags"),
                Arguments.of("POST", "/api/v1/policies", POLICY.formatted("\"type\": \"ip-restriction\", \"allow\": "
                        + strings(1_001, "10.0.%d.0/24")), 400, "validation_failed", "config.allow")
        );
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4} {5}")
    @MethodSource("strictCases")
    void refusedWithTheFieldNamedAndNothingChanged(String method, String path, String body, int status, String code,
                                                    String field) throws Exception {
        String before = AdminApi.fingerprint();
        long revision = AdminApi.revision();

        var result = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(method),
                                path.replace("{key}", keyId))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("tools.jackson"))));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        }
        if (field != null && !code.equals("validation_failed")) {
            result.andExpect(jsonPath("$.errors[*].pointer", hasItem(Problem.pointer(field))));
        }
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }

    @Test
    void aListAtTheCapIsAccepted() throws Exception {
        String name = "strict-ok-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/consumers", "{\"name\": \"" + name + "\", \"groups\": " + strings(100, "g%d") + "}")
                .andExpect(status().isCreated());
        api.delete("/api/v1/consumers/" + name).andExpect(status().isNoContent());
        // A policy's lists are bounded by the policy validator (1,000), not by the general cap of 100.
        api.post("/api/v1/policies", "{\"name\": \"" + name + "\", \"scope\": \"global\", \"enabled\": false,"
                        + " \"config\": {\"type\": \"ip-restriction\", \"allow\": " + strings(150, "10.0.%d.0/24") + "}}")
                .andExpect(status().isCreated());
        api.delete("/api/v1/policies/" + name).andExpect(status().isNoContent());
    }

    @Test
    void aMalformedBodyIsNotEchoed() throws Exception {
        // A secret pasted without quotes must not come back in the answer (or land in a proxy's log).
        api.post("/api/v1/routes", ROUTE.formatted(", \"auth\": \"jwt\", \"jwt\": {\"secret\": s3cr3t-value-123}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_json"))
                .andExpect(content().string(not(containsString("s3cr3t"))));
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() throws Exception {
        String before = AdminApi.fingerprint();
        String body = "{\"name\": \"strict-big\", \"description\": \"" + "x".repeat(1_100_000) + "\"}";

        api.post("/api/v1/consumers", body)
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("body_too_large"));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String before = AdminApi.fingerprint();
        byte[] body = ("{\"name\": \"strict-big\", \"description\": \"" + "x".repeat(1_100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        {
            // ofInputStream has no known length, so the body goes chunked and only counting can stop it.
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/consumers"))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                            .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                    type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
            assertThat(response.body()).contains("\"code\":\"body_too_large\"").doesNotContain("Exception");
        }
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }

    @Test
    void heartbeatsAreStrictToo() throws Exception {
        String node = "strict-node-" + UUID.randomUUID().toString().substring(0, 8);
        for (String body : new String[] {
                "{\"nodeId\": \"%s\", \"appliedRevision\": 1, \"appliedRevision\": 2}",
                "{\"nodeId\": \"%s\", \"appliedRevision\": 1.5}",
                "{\"nodeId\": \"%s\", \"appliedRevision\": \"1\"}",
                // over the node limit (16 MB): refused by its declared length, before it is read
                "{\"nodeId\": \"%s\", \"appliedRevision\": 1, \"pad\": \"" + "x".repeat(17_000_000) + "\"}"}) {
            var result = mvc.perform(MockMvcRequestBuilders.post(ClusterProtocol.HEARTBEAT_PATH)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                            .contentType(MediaType.APPLICATION_JSON).content(body.formatted(node)))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(content().string(not(containsString("Exception"))))
                    .andReturn().getResponse();
            assertThat(result.getStatus()).as(body.substring(0, Math.min(80, body.length())))
                    .isIn(400, 413);
        }
        assertThat(AdminApi.longQuery("SELECT count(*) FROM nodes WHERE id = '" + node + "'")).isZero();
    }
}
