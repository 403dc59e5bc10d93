package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Every kind of bad request gets a problem+json answer and changes nothing, not even the revision. */
@AdminIntegrationTest
class BadInputIntegrationTests {

    @Autowired
    MockMvc mvc;
    AdminApi api;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        // Fixtures shared by the cases; created once (the second call answers 409, which is fine).
        api.post("/api/v1/services", """
                {"name": "bad-input-existing", "targets": [{"host": "127.0.0.1", "port": 9000}]}""");
        api.post("/api/v1/routes", """
                {"name": "bad-input-route", "service": "bad-input-existing", "paths": ["/bad-input"]}""");
        api.post("/api/v1/plans", "{\"name\": \"bad-input-plan\"}");
        api.post("/api/v1/consumers", "{\"name\": \"bad-input-consumer\", \"plan\": \"bad-input-plan\"}");
        api.post("/api/v1/consumers", "{\"name\": \"bad-input-other\"}");
        String keys = api.get(KEYS).andReturn().getResponse().getContentAsString();
        if (!keys.contains("\"active\"")) {
            api.post(KEYS);
            keys = api.get(KEYS).andReturn().getResponse().getContentAsString();
        }
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"[^}]*\"status\":\"active\"")
                .matcher(keys);
        assertThat(id.find()).as("an active fixture key in %s", keys).isTrue();
        keyId = id.group(1);
    }

    private static final String KEYS = "/api/v1/consumers/bad-input-consumer/keys";
    private static final String JWT_ROUTE = "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"],"
            + " \"auth\": \"jwt\", \"jwt\": %s}";
    private String keyId;
    private static final String POLICIES = "/api/v1/policies";
    private static final String LIMIT_TYPE = "\"type\": \"rate-limit\"";

    /** A policy body attached to the fixture route, with the given config members. */
    private static String policy(String scope, String configMembers) {
        return "{\"name\": \"bad-input-policy\", \"scope\": \"" + scope + "\", \"route\": \"bad-input-route\","
                + " \"config\": {" + configMembers + "}}";
    }

    static Stream<Arguments> badWrites() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/services", "{\"name\": \"x\", ", 400, "malformed_json", null),
                Arguments.of("POST", "/api/v1/services", "", 400, "malformed_json", null),
                Arguments.of("POST", "/api/v1/services", "[]", 400, "malformed_json", null),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"h\", \"port\": \"eighty\"}]}",
                        400, "malformed_json", "targets[0].port"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"tragets\": [{\"host\": \"h\", \"port\": 80}]}",
                        400, "unknown_field", "tragets"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"h\", \"port\": 80, \"wieght\": 1}]}",
                        400, "unknown_field", "targets[0].wieght"),
                Arguments.of("POST", "/api/v1/services", "{\"targets\": [{\"host\": \"h\", \"port\": 80}]}",
                        400, "validation_failed", "name"),
                Arguments.of("POST", "/api/v1/services", "{\"name\": \"x\"}", 400, "validation_failed", "targets"),
                Arguments.of("POST", "/api/v1/services", "{\"name\": \"x\", \"targets\": [{\"host\": \"h\"}]}",
                        400, "validation_failed", "targets[0].port"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"h\", \"port\": 70000}]}",
                        400, "validation_failed", "targets[0].port"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"bad host!\", \"port\": 80}]}",
                        400, "validation_failed", "targets[0].host"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"h\", \"port\": 80}], \"protocol\": \"ftp\"}",
                        400, "validation_failed", "protocol"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"x\", \"targets\": [{\"host\": \"h\", \"port\": 80}], \"basePath\": \"/../x\"}",
                        400, "validation_failed", "basePath"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"bad name\", \"targets\": [{\"host\": \"h\", \"port\": 80}]}",
                        400, "validation_failed", "name"),
                Arguments.of("POST", "/api/v1/services",
                        "{\"name\": \"bad-input-existing\", \"targets\": [{\"host\": \"h\", \"port\": 80}]}",
                        409, "duplicate_name", null),
                Arguments.of("PUT", "/api/v1/services/bad-input-existing",
                        "{\"targets\": [{\"host\": \"h\", \"port\": 0}]}", 400, "validation_failed",
                        "targets[0].port"),
                Arguments.of("PUT", "/api/v1/services/no-such-service",
                        "{\"targets\": [{\"host\": \"h\", \"port\": 80}]}", 404, "not_found", null),
                Arguments.of("DELETE", "/api/v1/services/bad-input-existing", null, 409, "in_use", null),
                Arguments.of("POST", "/api/v1/routes", "{\"name\": \"r\", \"service\": \"nope\", \"paths\": [\"/a\"]}",
                        400, "validation_failed", "service"),
                Arguments.of("POST", "/api/v1/routes", "{\"name\": \"r\", \"paths\": [\"/a\"]}",
                        400, "validation_failed", "service"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"no-slash\"]}",
                        400, "validation_failed", "paths[0]"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": []}",
                        400, "validation_failed", "paths"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"],"
                                + " \"methods\": [\"FETCH\"]}", 400, "validation_failed", "methods[0]"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"],"
                                + " \"pathMatch\": \"regex\"}", 400, "validation_failed", "pathMatch"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"],"
                                + " \"stripPrefix\": \"yes\"}", 400, "malformed_json", "stripPrefix"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"bad-input-route\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"]}",
                        409, "duplicate_name", null),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"], \"auth\": \"basic\"}",
                        400, "validation_failed", "auth"),
                Arguments.of("POST", "/api/v1/routes",
                        "{\"name\": \"r\", \"service\": \"bad-input-existing\", \"paths\": [\"/a\"],"
                                + " \"keyAuth\": {\"heder\": \"X-Key\"}}", 400, "unknown_field", "keyAuth.heder"),
                Arguments.of("POST", "/api/v1/routes", JWT_ROUTE.formatted("{\"algorithms\": [\"HS512\"]}"),
                        400, "validation_failed", "jwt.algorithms[0]"),
                Arguments.of("POST", "/api/v1/routes", JWT_ROUTE.formatted("{\"algorithms\": [\"HS256\"]}"),
                        400, "validation_failed", "jwt.secret"),
                Arguments.of("POST", "/api/v1/routes", JWT_ROUTE.formatted("{\"algorithms\": [\"RS256\"]}"),
                        400, "validation_failed", "jwt.jwks"),
                Arguments.of("POST", "/api/v1/routes",
                        JWT_ROUTE.formatted("{\"algorithms\": [\"RS256\"], \"jwks\": \"{\\\"keys\\\": [\"}"),
                        400, "validation_failed", "jwt.jwks"),
                Arguments.of("POST", "/api/v1/routes", "{\"name\": \"r\", \"service\": \"bad-input-existing\","
                        + " \"paths\": [\"/a\"], \"auth\": \"jwt\"}", 400, "validation_failed", "jwt"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"bad-input-plan\"}", 409, "duplicate_name", null),
                Arguments.of("POST", "/api/v1/plans", "{\"nme\": \"x\"}", 400, "unknown_field", "nme"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"description\": \"" + "d".repeat(1_025)
                        + "\"}", 400, "validation_failed", "description"),
                Arguments.of("POST", "/api/v1/plans", "{}", 400, "validation_failed", "name"),
                Arguments.of("PUT", "/api/v1/plans/no-such-plan", "{}", 404, "not_found", null),
                Arguments.of("DELETE", "/api/v1/plans/bad-input-plan", null, 409, "in_use", null),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", ", 400, "malformed_json", null),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"stauts\": \"active\"}", 400,
                        "unknown_field", "stauts"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"bad name\"}", 400, "validation_failed",
                        "name"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"status\": \"paused\"}", 400,
                        "validation_failed", "status"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"plan\": \"no-such-plan\"}", 400,
                        "validation_failed", "plan"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"groups\": [\"bad group\"]}", 400,
                        "validation_failed", "groups[0]"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"tags\": [\"ok\", null]}", 400,
                        "validation_failed", "tags[1]"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"x\", \"groups\": \"partners\"}", 400,
                        "malformed_json", "groups"),
                Arguments.of("POST", "/api/v1/consumers", "{\"name\": \"bad-input-consumer\"}", 409,
                        "duplicate_name", null),
                Arguments.of("PUT", "/api/v1/consumers/no-such-consumer", "{}", 404, "not_found", null),
                Arguments.of("PATCH", "/api/v1/consumers/no-such-consumer", "{}", 404, "not_found", null),
                Arguments.of("PATCH", "/api/v1/consumers/bad-input-consumer", "{\"status\": \"paused\"}", 400,
                        "validation_failed", "status"),
                Arguments.of("PATCH", "/api/v1/consumers/bad-input-consumer", "{\"plan\": \"nope\"}", 400,
                        "validation_failed", "plan"),
                Arguments.of("PATCH", "/api/v1/consumers/bad-input-consumer", "{\"nmae\": \"x\"}", 400,
                        "unknown_field", "nmae"),
                Arguments.of("DELETE", "/api/v1/consumers/no-such-consumer", null, 404, "not_found", null),
                Arguments.of("POST", "/api/v1/consumers/no-such-consumer/keys", null, 404, "not_found", null),
                Arguments.of("GET", "/api/v1/consumers/no-such-consumer/keys", null, 404, "not_found", null),
                Arguments.of("POST", KEYS, "{", 400, "malformed_json", null),
                Arguments.of("POST", KEYS, "{\"expiresAt\": \"2001-01-01T00:00:00Z\"}", 400, "validation_failed",
                        "expiresAt"),
                Arguments.of("POST", KEYS, "{\"expiresAt\": \"tomorrow\"}", 400, "malformed_json", "expiresAt"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"routes\": [\"bad-input-route\", \"no-such-route\"]}}",
                        400, "validation_failed", "scopes.routes[1]"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"services\": [\"no-such-service\"]}}", 400,
                        "validation_failed", "scopes.services[0]"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"tags\": [\"bad tag\"]}}", 400, "validation_failed",
                        "scopes.tags[0]"),
                Arguments.of("POST", KEYS, "{\"scopes\": {\"rotes\": []}}", 400, "unknown_field", "scopes.rotes"),
                Arguments.of("POST", KEYS, "{\"key\": \"gwk_chosen\"}", 400, "unknown_field", "key"),
                Arguments.of("POST", KEYS + "/{key}/rotate", "{\"gracePeriodSeconds\": 2592001}", 400,
                        "validation_failed", "gracePeriodSeconds"),
                Arguments.of("POST", KEYS + "/{key}/rotate", "{\"gracePeriodSeconds\": -1}", 400,
                        "validation_failed", "gracePeriodSeconds"),
                Arguments.of("POST", KEYS + "/" + java.util.UUID.randomUUID() + "/rotate", null, 404, "not_found",
                        null),
                Arguments.of("DELETE", KEYS + "/" + java.util.UUID.randomUUID(), null, 404, "not_found", null),
                Arguments.of("DELETE", KEYS + "/not-a-key", null, 404, "not_found", null),
                Arguments.of("DELETE", "/api/v1/consumers/bad-input-other/keys/{key}", null, 404,
                        "not_found", null),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", ", 400, "malformed_json", null),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"throttle\", \"limits\": []"), 400,
                        "validation_failed", "config.type"),
                Arguments.of("POST", POLICIES, policy("route", "\"limits\": []"), 400, "validation_failed",
                        "config.type"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"global\"}", 400, "validation_failed",
                        "config"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"global\", \"config\": \"rate-limit\"}",
                        400, "validation_failed", "config"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scpoe\": \"global\", \"config\": {}}", 400,
                        "unknown_field", "scpoe"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE + ", \"limitz\": []"), 400,
                        "validation_failed", "config.limitz"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE
                        + ", \"limits\": [{\"requests\": 1, \"window\": \"second\", \"burst\": 5}]"), 400,
                        "validation_failed", "config.limits[0].burst"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE
                        + ", \"limits\": [{\"requests\": -5, \"window\": \"second\"}]"), 400, "validation_failed",
                        "config.limits[0].requests"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE
                        + ", \"limits\": [{\"requests\": \"ten\", \"window\": \"second\"}]"), 400,
                        "validation_failed", "config.limits[0].requests"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE
                        + ", \"limits\": [{\"requests\": 10, \"window\": \"week\"}]"), 400, "validation_failed",
                        "config.limits[0].window"),
                Arguments.of("POST", POLICIES, policy("route", LIMIT_TYPE + ", \"limits\": []"), 400,
                        "validation_failed", "config.limits"),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"ip-restriction\", \"allow\": [\"\"]"),
                        400, "validation_failed", "config.allow[0]"),
                Arguments.of("POST", POLICIES, policy("route",
                        "\"type\": \"ip-restriction\", \"deny\": [\"10.0.0.0/33\"]"), 400, "validation_failed",
                        "config.deny[0]"),
                Arguments.of("POST", POLICIES, policy("route",
                        "\"type\": \"ip-restriction\", \"allow\": [\"not-an-ip\"]"), 400, "validation_failed",
                        "config.allow[0]"),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"ip-restriction\""), 400,
                        "validation_failed", "config.allow"),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"ip-restriction\", \"allow\": [null]"),
                        400, "validation_failed", "config.allow[0]"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"route\", \"route\": \"no-such-route\","
                        + " \"config\": {\"type\": \"request-size\", \"maxBytes\": 10}}", 400, "validation_failed",
                        "route"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"route\","
                        + " \"config\": {\"type\": \"request-size\", \"maxBytes\": 10}}", 400, "validation_failed",
                        "route"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"everywhere\","
                        + " \"config\": {\"type\": \"request-size\", \"maxBytes\": 10}}", 400, "validation_failed",
                        "scope"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"consumer\", \"consumer\":"
                        + " \"bad-input-consumer\", \"config\": {\"type\": \"cors\", \"allowOrigins\": [\"*\"]}}",
                        400, "validation_failed", "scope"),
                Arguments.of("POST", POLICIES, "{\"name\": \"p\", \"scope\": \"global\", \"route\": \"bad-input-route\","
                        + " \"config\": {\"type\": \"request-size\", \"maxBytes\": 10}}", 400, "validation_failed",
                        "route"),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"request-size\", \"maxBytes\": 0"), 400,
                        "validation_failed", "config.maxBytes"),
                Arguments.of("POST", POLICIES, policy("route",
                        "\"type\": \"transform\", \"request\": {\"set\": {\"X-User\": \"${jndi:ldap://x}\"}}"), 400,
                        "validation_failed", "config.request.set.X-User"),
                Arguments.of("POST", POLICIES, policy("route", "\"type\": \"transform\", \"pathRewrite\":"
                        + " {\"from\": \"/v1/{id}\", \"to\": \"/#{T(java.lang.Runtime)}\"}"), 400,
                        "validation_failed", "config.pathRewrite.to"),
                Arguments.of("POST", POLICIES, "{\"name\": \"${x}\", \"scope\": \"global\","
                        + " \"config\": {\"type\": \"request-size\", \"maxBytes\": 10}}", 400, "validation_failed",
                        "name"),
                Arguments.of("PUT", POLICIES + "/no-such-policy", policy("route", "\"type\": \"request-size\","
                        + " \"maxBytes\": 10"), 404, "not_found", null),
                Arguments.of("DELETE", POLICIES + "/no-such-policy", null, 404, "not_found", null),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"rateLimits\": [{\"requests\": -1,"
                        + " \"window\": \"second\"}]}", 400, "validation_failed", "rateLimits[0].requests"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"rateLimits\": [{\"requests\": 1,"
                        + " \"window\": \"second\"}, {\"requests\": 2, \"window\": \"second\"}]}", 400,
                        "validation_failed", "rateLimits[1].window"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"rateLimits\": [null]}", 400,
                        "validation_failed", "rateLimits[0]"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"rateLimits\": [{\"requests\": 1,"
                        + " \"window\": \"fortnight\"}]}", 400, "malformed_json", "rateLimits[0].window"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"quotas\": [{\"calls\": 0,"
                        + " \"period\": \"day\"}]}", 400, "validation_failed", "quotas[0].calls"),
                Arguments.of("POST", "/api/v1/plans", "{\"name\": \"x\", \"quotas\": [{\"calls\": 10}]}", 400,
                        "validation_failed", "quotas[0].period"),
                Arguments.of("PUT", "/api/v1/plans/bad-input-plan", "{\"quotas\": [{\"calls\": -3,"
                        + " \"period\": \"month\"}]}", 400, "validation_failed", "quotas[0].calls"),
                Arguments.of("GET", "/api/v1/routes/no-such-route/effective-policies", null, 404, "not_found", null),
                Arguments.of("GET", "/api/v1/routes/bad-input-route/effective-policies?consumer=nobody", null, 404,
                        "not_found", null),
                Arguments.of("GET", POLICIES + "?scope=nowhere", null, 400, "validation_failed", "scope")
        );
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @MethodSource("badWrites")
    void badWriteIsRefusedAndChangesNothing(String method, String path, String body, int status, String code,
                                            String field) throws Exception {
        String before = AdminApi.fingerprint();
        long revision = AdminApi.revision();
        var request = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(method),
                        path.replace("{key}", keyId))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }

        var result = mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.title").isString())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        }
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
    }

    @Test
    void inUseNamesTheRoutes() throws Exception {
        api.delete("/api/v1/services/bad-input-existing")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("bad-input-route")));
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/services")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .contentType(MediaType.TEXT_PLAIN).content("name=x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
    }

    @Test
    void wrongMethodIs405() throws Exception {
        mvc.perform(MockMvcRequestBuilders.patch("/api/v1/services/x")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists(HttpHeaders.ALLOW))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("method_not_allowed"));
    }

    @Test
    void unknownApiPathIs404Problem() throws Exception {
        api.get("/api/v1/nothing-here")
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("not_found"));
    }
}
