package dev.gatehouse.admin.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.admin.apidoc.ApiDescription.Documented;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Real answers of the admin API, checked against the OpenAPI document: the status must be one the operation
 * documents, and the body must match the schema documented for it (no undocumented member, no wrong type, no
 * unexpected null). Walks the objects' life cycle through the API: create, read, list, change, delete.
 */
@AdminIntegrationTest
class ApiAnswersIntegrationTests {

    private static final ApiDescription DOCUMENT = ApiDescription.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    private AdminApi api;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    @Test
    void answersOfEveryKindOfObjectMatchTheDocument() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "oas-svc-" + id;
        String stock = "oas-stock-" + id;
        String proxy = "oas-route-" + id;
        String jwt = "oas-jwt-" + id;
        String composite = "oas-page-" + id;
        String plan = "oas-plan-" + id;
        String consumer = "oas-consumer-" + id;
        String policy = "oas-policy-" + id;
        long startRevision = AdminApi.revision();

        try {
            check(201, "POST", "/api/v1/services", api.post("/api/v1/services", """
                    {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9, "weight": 3}]}""".formatted(service)));
            check(201, "POST", "/api/v1/services", api.post("/api/v1/services", """
                    {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9}]}""".formatted(stock)));
            check(200, "GET", "/api/v1/services", api.get("/api/v1/services"));
            check(200, "GET", "/api/v1/services/{idOrName}", api.get("/api/v1/services/" + service));
            check(200, "PUT", "/api/v1/services/{idOrName}", api.put("/api/v1/services/" + service, """
                    {"targets": [{"host": "127.0.0.1", "port": 9}], "basePath": "/v2"}"""));

            check(201, "POST", "/api/v1/routes", api.post("/api/v1/routes", """
                    {"name": "%s", "service": "%s", "paths": ["/%s"], "stripPrefix": true,
                     "keyAuth": {"header": "X-Key", "bearer": true}}""".formatted(proxy, service, proxy)));
            check(201, "POST", "/api/v1/routes", api.post("/api/v1/routes", """
                    {"name": "%s", "service": "%s", "paths": ["/%s"], "auth": "jwt",
                     "jwt": {"algorithms": ["HS256"], "secret": "0123456789abcdef0123456789abcdef"}}"""
                    .formatted(jwt, service, jwt)));
            check(201, "POST", "/api/v1/routes", api.post("/api/v1/routes", """
                    {"name": "%s", "kind": "composite", "paths": ["/%s"], "auth": "none",
                     "composite": {"deadlineMs": 2000, "steps": [
                       {"name": "product", "service": "%s", "path": "/products/{path.1}", "placement": "merge",
                        "fields": [{"pointer": "/title", "as": "name"}]},
                       {"name": "stock", "service": "%s", "path": "/stock/{path.1}", "required": false,
                        "dependsOn": ["product"], "query": {"seller": "{step.product/sellerId}"}, "timeoutMs": 300}
                     ]}}""".formatted(composite, composite, service, stock)));
            check(200, "GET", "/api/v1/routes", api.get("/api/v1/routes"));
            check(200, "GET", "/api/v1/routes/{idOrName}", api.get("/api/v1/routes/" + composite));
            check(200, "GET", "/api/v1/routes/{idOrName}", api.get("/api/v1/routes/" + jwt));

            check(201, "POST", "/api/v1/plans", api.post("/api/v1/plans", """
                    {"name": "%s", "rateLimits": [{"requests": 10, "window": "second"}],
                     "quotas": [{"calls": 1000, "period": "day", "by": "key"}]}""".formatted(plan)));
            check(200, "GET", "/api/v1/plans/{plan}", api.get("/api/v1/plans/" + plan));
            check(200, "GET", "/api/v1/plans", api.get("/api/v1/plans"));
            check(201, "POST", "/api/v1/consumers", api.post("/api/v1/consumers", """
                    {"name": "%s", "plan": "%s", "groups": ["oas"], "tags": ["t"]}""".formatted(consumer, plan)));
            check(200, "PATCH", "/api/v1/consumers/{consumer}", api.patch("/api/v1/consumers/" + consumer, """
                    {"description": "made by the OpenAPI test"}"""));
            check(200, "GET", "/api/v1/consumers", api.get("/api/v1/consumers?search=oas-consumer"));

            JsonNode issued = body(check(201, "POST", "/api/v1/consumers/{consumer}/keys",
                    api.post("/api/v1/consumers/" + consumer + "/keys", """
                            {"scopes": {"routes": ["%s"]}}""".formatted(proxy))));
            String keys = "/api/v1/consumers/" + consumer + "/keys/";
            JsonNode rotated = body(check(201, "POST", "/api/v1/consumers/{consumer}/keys/{id}/rotate",
                    api.post(keys + issued.get("id").asText() + "/rotate", """
                            {"gracePeriodSeconds": 60}""")));
            check(200, "GET", "/api/v1/consumers/{consumer}/keys", api.get("/api/v1/consumers/" + consumer + "/keys"));
            check(200, "GET", "/api/v1/consumers/{consumer}/keys/{id}", api.get(keys + issued.get("id").asText()));
            check(200, "GET", "/api/v1/consumers/{consumer}/usage", api.get("/api/v1/consumers/" + consumer + "/usage"));

            check(201, "POST", "/api/v1/policies", api.post("/api/v1/policies", """
                    {"name": "%s", "scope": "route-consumer", "route": "%s", "consumer": "%s",
                     "config": {"type": "transform", "request": {"set": {"X-Env": "test"}, "remove": ["X-Debug"]},
                                "pathRewrite": {"from": "/a/{rest}", "to": "/b/{rest}"}}}"""
                    .formatted(policy, proxy, consumer)));
            check(200, "GET", "/api/v1/policies", api.get("/api/v1/policies?scope=route-consumer"));
            check(200, "GET", "/api/v1/routes/{route}/effective-policies",
                    api.get("/api/v1/routes/" + proxy + "/effective-policies?consumer=" + consumer));

            check(200, "GET", "/api/v1/nodes", api.get("/api/v1/nodes"));
            check(200, "GET", "/api/v1/cluster", api.get("/api/v1/cluster"));
            check(200, "GET", "/api/v1/config/revision", api.get("/api/v1/config/revision"));
            check(200, "GET", "/api/v1/logs", api.get("/api/v1/logs?limit=20"));
            check(200, "GET", "/api/v1/metrics/traffic", api.get("/api/v1/metrics/traffic?step=5m"));
            check(200, "GET", "/api/v1/metrics/top", api.get("/api/v1/metrics/top"));
            check(200, "GET", "/api/v1/sign-ins", api.get("/api/v1/sign-ins?limit=5"));

            // refusals: the problem shape of each kind
            check(400, "POST", "/api/v1/services", api.post("/api/v1/services", """
                    {"name": "", "targets": [{"host": "", "port": 70000}]}"""));
            check(400, "POST", "/api/v1/services", api.post("/api/v1/services", """
                    {"name": "x", "colour": "blue"}"""));
            check(409, "POST", "/api/v1/services", api.post("/api/v1/services", """
                    {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9}]}""".formatted(service)));
            check(404, "GET", "/api/v1/services/{idOrName}", api.get("/api/v1/services/no-such-" + id));
            check(409, "DELETE", "/api/v1/services/{idOrName}", api.delete("/api/v1/services/" + service));
            check(400, "GET", "/api/v1/logs", api.get("/api/v1/logs?limit=0&from=yesterday"));

            // the configuration history of this walk: a page, the JWT route's revision, the whole walk compared
            long walked = AdminApi.revision();
            check(200, "GET", "/api/v1/config/revisions", api.get("/api/v1/config/revisions?limit=5"));
            check(200, "GET", "/api/v1/config/revisions/{revision}",
                    api.get("/api/v1/config/revisions/" + (startRevision + 4)));
            check(200, "GET", "/api/v1/config/diff", api.get("/api/v1/config/diff?from=" + startRevision
                    + "&to=" + walked));
            check(200, "GET", "/api/v1/config/diff", api.get("/api/v1/config/diff?from=" + walked
                    + "&to=" + startRevision));
            check(400, "GET", "/api/v1/config/revisions", api.get("/api/v1/config/revisions?limit=0"));
            check(400, "GET", "/api/v1/config/revisions/{revision}", api.get("/api/v1/config/revisions/abc"));
            check(404, "GET", "/api/v1/config/revisions/{revision}",
                    api.get("/api/v1/config/revisions/" + (walked + 1_000_000)));
            check(400, "GET", "/api/v1/config/diff", api.get("/api/v1/config/diff?from=x"));
            check(404, "GET", "/api/v1/config/diff", api.get("/api/v1/config/diff?from=0&to=" + (walked + 1_000_000)));

            // and away again, which documents 204 (composite routes must not outlive the test: see
            // CompositeRouteApiIntegrationTests)
            check(204, "DELETE", "/api/v1/policies/{policy}", api.delete("/api/v1/policies/" + policy));
            check(204, "DELETE", "/api/v1/consumers/{consumer}/keys/{id}", api.delete(keys + rotated.get("id").asText()));
            check(204, "DELETE", "/api/v1/consumers/{consumer}", api.delete("/api/v1/consumers/" + consumer));
            check(204, "DELETE", "/api/v1/plans/{plan}", api.delete("/api/v1/plans/" + plan));
            for (String route : List.of(composite, jwt, proxy)) {
                check(204, "DELETE", "/api/v1/routes/{idOrName}", api.delete("/api/v1/routes/" + route));
            }
            check(204, "DELETE", "/api/v1/services/{idOrName}", api.delete("/api/v1/services/" + service));
            check(204, "DELETE", "/api/v1/services/{idOrName}", api.delete("/api/v1/services/" + stock));
        } finally {
            // a composite route must not outlive its test, whatever failed (CompositeRouteApiIntegrationTests)
            api.delete("/api/v1/routes/" + composite);
        }
        assertThat(problems).as("answers that differ from the OpenAPI document").isEmpty();
    }

    /**
     * Checks one answer of the operation {@code method path}: first that it has the expected status (else the rest
     * of the walk would check less than it claims), then that the document describes it. Returns it.
     */
    private MvcResult check(int expected, String method, String path, ResultActions actions) throws Exception {
        MvcResult result = actions.andReturn();
        String key = ApiDescription.key(method, path);
        int status = result.getResponse().getStatus();
        assertThat(status).as("%s: %s", key, result.getResponse().getContentAsString()).isEqualTo(expected);
        Documented operation = DOCUMENT.operations().get(key);
        assertThat(operation).as("operation %s in the document", key).isNotNull();
        String where = key + " answered " + status;
        ApiResponse response = operation.operation().getResponses().get(Integer.toString(status));
        if (response == null) {
            problems.add(where + ", which the document does not list: "
                    + result.getResponse().getContentAsString());
            return result;
        }
        String text = result.getResponse().getContentAsString();
        if (text.isEmpty()) {
            if (response.getContent() != null) {
                problems.add(where + " without a body; the document describes one");
            }
            return result;
        }
        String type = org.springframework.http.MediaType.parseMediaType(result.getResponse().getContentType())
                .getType() + "/" + org.springframework.http.MediaType
                .parseMediaType(result.getResponse().getContentType()).getSubtype();
        MediaType documented = response.getContent() == null ? null : response.getContent().get(type);
        if (documented == null) {
            problems.add(where + " with " + type + ", which the document does not list");
            return result;
        }
        SchemaCheck.problems(documented.getSchema(), JSON.readTree(text),
                        DOCUMENT.resolved().getComponents().getSchemas())
                .forEach(problem -> problems.add(where + ": " + problem));
        return result;
    }

    private static JsonNode body(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }
}
