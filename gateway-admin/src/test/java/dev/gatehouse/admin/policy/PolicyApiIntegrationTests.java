package dev.gatehouse.admin.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The policy API end to end against PostgreSQL: CRUD, targets by name or id, the rules, deletion, precedence. */
@AdminIntegrationTest
class PolicyApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    AdminApi api;
    String service;
    String route;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        service = unique("pol-svc");
        route = unique("pol-route");
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service))
                .andExpect(status().isCreated());
        api.post("/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["/%s"], "auth": "none"}""".formatted(route, service, route))
                .andExpect(status().isCreated());
    }

    @Test
    void createsReadsFiltersUpdatesAndDeletes() throws Exception {
        String name = unique("orders-limit");
        long before = AdminApi.revision();
        String body = api.post("/api/v1/policies", """
                        {"name": "%s", "enabled": true, "scope": "route", "route": "%s",
                         "config": {"type": "rate-limit", "limits": [{"requests": 10, "window": "second"}],
                                    "by": "consumer"}}""".formatted(name, route))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/policies/")))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(jsonPath("$.scope").value("route"))
                .andExpect(jsonPath("$.type").value("rate-limit"))
                .andExpect(jsonPath("$.route").value(route))
                .andExpect(jsonPath("$.service").doesNotExist())
                .andExpect(jsonPath("$.config.type").value("rate-limit"))
                .andExpect(jsonPath("$.config.limits[0].requests").value(10))
                .andExpect(jsonPath("$.config.limits[0].window").value("second"))
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(body).get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE kind = 'policy' AND entity_id = '"
                + id + "'")).isEqualTo(1);

        api.get("/api/v1/policies/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        api.get("/api/v1/policies/" + name).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        api.get("/api/v1/policies?scope=route&type=rate-limit").andExpect(jsonPath("$[*].name", hasItem(name)));
        api.get("/api/v1/policies?scope=global").andExpect(jsonPath("$[*].name", not(hasItem(name))));
        api.get("/api/v1/policies?type=cors").andExpect(jsonPath("$[*].type", everyItem(org.hamcrest.Matchers.is("cors"))));
        api.get("/api/v1/policies?type=nope").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));

        // Retarget to the service by id, change the type's settings, disable.
        String serviceId = mapper.readTree(api.get("/api/v1/services/" + service).andReturn().getResponse()
                .getContentAsString()).get("id").asString();
        api.put("/api/v1/policies/" + name, """
                        {"enabled": false, "scope": "service", "service": "%s",
                         "config": {"type": "rate-limit", "limits": [{"requests": 5, "window": "minute"}]}}"""
                        .formatted(serviceId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.enabled").value(false))
                .andExpect(jsonPath("$.service").value(service))
                .andExpect(jsonPath("$.serviceId").value(serviceId))
                .andExpect(jsonPath("$.route").doesNotExist())
                .andExpect(jsonPath("$.config.by").value("consumer"));
        assertThat(AdminApi.revision()).isEqualTo(before + 2);

        api.delete("/api/v1/policies/" + id).andExpect(status().isNoContent());
        assertThat(AdminApi.revision()).isEqualTo(before + 3);
        api.get("/api/v1/policies/" + id).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void onlyOneEnabledPolicyPerTypeAndTarget() throws Exception {
        String first = unique("cors-a");
        String cors = "{\"type\": \"cors\", \"allowOrigins\": [\"https://app.example.com\"]}";
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "route", "route": "%s", "config": %s}""".formatted(first, route, cors))
                .andExpect(status().isCreated());
        String before = AdminApi.fingerprint();
        api.post("/api/v1/policies", """
                        {"name": "%s", "scope": "route", "route": "%s", "config": %s}"""
                        .formatted(unique("cors-b"), route, cors))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("route"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString(first)));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
        // A disabled second one is fine, and so is one of another type.
        api.post("/api/v1/policies", """
                        {"name": "%s", "enabled": false, "scope": "route", "route": "%s", "config": %s}"""
                        .formatted(unique("cors-c"), route, cors))
                .andExpect(status().isCreated());
        api.post("/api/v1/policies", """
                        {"name": "%s", "scope": "route", "route": "%s",
                         "config": {"type": "request-size", "maxBytes": 1024}}""".formatted(unique("size"), route))
                .andExpect(status().isCreated());
    }

    @Test
    void targetsWithPoliciesCannotBeDeleted() throws Exception {
        String plan = unique("pol-plan");
        String consumer = unique("pol-consumer");
        api.post("/api/v1/plans", "{\"name\": \"%s\"}".formatted(plan)).andExpect(status().isCreated());
        api.post("/api/v1/consumers", "{\"name\": \"%s\"}".formatted(consumer)).andExpect(status().isCreated());
        String limit = "{\"type\": \"rate-limit\", \"limits\": [{\"requests\": 3, \"window\": \"second\"}]}";
        String onRoute = unique("on-route");
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "route-consumer", "route": "%s", "consumer": "%s", "config": %s}"""
                .formatted(onRoute, route, consumer, limit)).andExpect(status().isCreated());
        String onPlan = unique("on-plan");
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "plan", "plan": "%s", "config": %s}"""
                .formatted(onPlan, plan, limit)).andExpect(status().isCreated());
        String onService = unique("on-service");
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "service", "service": "%s", "config": %s}"""
                .formatted(onService, service, limit)).andExpect(status().isCreated());

        String before = AdminApi.fingerprint();
        api.delete("/api/v1/routes/" + route).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("in_use"))
                .andExpect(jsonPath("$.detail").value(containsString("policy " + onRoute)));
        api.delete("/api/v1/consumers/" + consumer).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("policy " + onRoute)));
        api.delete("/api/v1/plans/" + plan).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("policy " + onPlan)));
        api.delete("/api/v1/services/" + service).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("policy " + onService)));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);

        api.delete("/api/v1/policies/" + onRoute).andExpect(status().isNoContent());
        api.delete("/api/v1/policies/" + onPlan).andExpect(status().isNoContent());
        api.delete("/api/v1/consumers/" + consumer).andExpect(status().isNoContent());
        api.delete("/api/v1/plans/" + plan).andExpect(status().isNoContent());
        api.delete("/api/v1/routes/" + route).andExpect(status().isNoContent());
    }

    @Test
    void effectivePoliciesFollowPrecedence() throws Exception {
        String plan = unique("eff-plan");
        String consumer = unique("eff-consumer");
        api.post("/api/v1/plans", """
                {"name": "%s", "rateLimits": [{"requests": 7, "window": "second"}],
                 "quotas": [{"calls": 1000, "period": "day"}]}""".formatted(plan))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rateLimits[0].requests").value(7))
                .andExpect(jsonPath("$.quotas[0].period").value("day"))
                .andExpect(jsonPath("$.quotas[0].by").value("consumer"));
        api.post("/api/v1/consumers", "{\"name\": \"%s\", \"plan\": \"%s\"}".formatted(consumer, plan))
                .andExpect(status().isCreated());
        String timeout = unique("svc-timeout");
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "service", "service": "%s",
                 "config": {"type": "timeout", "connectTimeoutMs": 500, "responseTimeoutMs": 2000}}"""
                .formatted(timeout, service)).andExpect(status().isCreated());
        String effective = "/api/v1/routes/" + route + "/effective-policies";

        // Without a consumer: only the service's timeout. With the consumer: the plan's own limits as well.
        api.get(effective).andExpect(status().isOk())
                .andExpect(jsonPath("$.route").value(route))
                .andExpect(jsonPath("$.policies[?(@.type == 'timeout')].scope").value("service"))
                .andExpect(jsonPath("$.policies[?(@.type == 'timeout')].policyName").value(timeout))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')]").isEmpty());
        api.get(effective + "?consumer=" + consumer)
                .andExpect(jsonPath("$.consumer").value(consumer))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].scope").value("plan"))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].fromPlan").value(true))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].policyName").value(plan))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].config.limits[0].requests").value(7));

        // Consumer beats plan, route beats consumer, route+consumer beats route.
        String limit = "{\"type\": \"rate-limit\", \"limits\": [{\"requests\": %d, \"window\": \"second\"}]}";
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "consumer", "consumer": "%s", "config": %s}"""
                .formatted(unique("c"), consumer, limit.formatted(20))).andExpect(status().isCreated());
        api.get(effective + "?consumer=" + consumer)
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].scope").value("consumer"));
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "route", "route": "%s", "config": %s}"""
                .formatted(unique("r"), route, limit.formatted(30))).andExpect(status().isCreated());
        api.get(effective + "?consumer=" + consumer)
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].scope").value("route"));
        String pair = unique("rc");
        api.post("/api/v1/policies", """
                {"name": "%s", "scope": "route-consumer", "route": "%s", "consumer": "%s", "config": %s}"""
                .formatted(pair, route, consumer, limit.formatted(40))).andExpect(status().isCreated());
        api.get(effective + "?consumer=" + consumer)
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].scope").value("route-consumer"))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].policyName").value(pair))
                .andExpect(jsonPath("$.policies[?(@.type == 'rate-limit')].fromPlan").value(false));

        api.get("/api/v1/routes/no-such-route/effective-policies").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        api.get(effective + "?consumer=no-such-consumer").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void planLimitsAreKeptWhenAbsentAndClearedWhenEmpty() throws Exception {
        String plan = unique("limits");
        api.post("/api/v1/plans", """
                {"name": "%s", "rateLimits": [{"requests": 10, "window": "second"}, {"requests": 1000, "window": "hour"}]}"""
                .formatted(plan)).andExpect(status().isCreated());
        api.put("/api/v1/plans/" + plan, "{\"description\": \"d\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.rateLimits.length()").value(2));
        api.put("/api/v1/plans/" + plan, "{\"rateLimits\": [], \"quotas\": [{\"calls\": 5, \"period\": \"month\", \"by\": \"key\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rateLimits.length()").value(0))
                .andExpect(jsonPath("$.quotas[0].by").value("key"));
        api.get("/api/v1/plans/" + plan).andExpect(jsonPath("$.quotas[0].calls").value(5));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
