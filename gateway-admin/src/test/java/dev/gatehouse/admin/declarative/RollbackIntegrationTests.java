package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rollback through the real API, database and configuration history (needs the history feature's
 * {@code RevisionStates}): services, routes, policies and plans restored exactly as one new revision, a dry run
 * first, consumers created since kept, keys never resurrected, a secret that no longer exists refusing the
 * rollback by name, and bad requests changing nothing.
 */
@AdminIntegrationTest
class RollbackIntegrationTests {

    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!!";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    AdminApi api;
    String s;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        s = UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                {"name": "rb-svc-%s", "targets": [{"host": "127.0.0.1", "port": 9001}]}""".formatted(s))
                .andExpect(status().isCreated());
        api.post("/api/v1/plans", """
                {"name": "rb-plan-%s", "description": "then"}""".formatted(s)).andExpect(status().isCreated());
        api.post("/api/v1/routes", """
                {"name": "rb-route-%s", "service": "rb-svc-%s", "paths": ["/rb-%s"]}""".formatted(s, s, s))
                .andExpect(status().isCreated());
        api.post("/api/v1/policies", """
                {"name": "rb-pol-%s", "scope": "route", "route": "rb-route-%s",
                 "config": {"type": "rate-limit", "limits": [{"requests": 5, "window": "second"}]}}"""
                .formatted(s, s)).andExpect(status().isCreated());
    }

    private JsonNode rollback(long revision, boolean dryRun) throws Exception {
        String body = api.post("/api/v1/config/rollback", """
                        {"revision": %d, "dryRun": %s}""".formatted(revision, dryRun))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return mapper.readTree(body);
    }

    @Test
    void restoresServicesRoutesPoliciesAndPlansAsOneNewRevisionAfterADryRun() throws Exception {
        long then = AdminApi.revision();
        api.put("/api/v1/services/rb-svc-" + s, """
                {"targets": [{"host": "127.0.0.1", "port": 9002}]}""").andExpect(status().isOk());
        // the limits are published configuration; the description is not (so a rollback keeps the current one)
        api.put("/api/v1/plans/rb-plan-" + s, """
                {"description": "now", "rateLimits": [{"requests": 10, "window": "second"}]}""")
                .andExpect(status().isOk());
        api.delete("/api/v1/policies/rb-pol-" + s).andExpect(status().isNoContent());
        api.post("/api/v1/routes", """
                {"name": "rb-new-%s", "service": "rb-svc-%s", "paths": ["/rb-new-%s"]}""".formatted(s, s, s))
                .andExpect(status().isCreated());
        long now = AdminApi.revision();

        JsonNode preview = rollback(then, true);
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("revision").isNull()).isTrue();
        assertThat(preview.get("kept")).isEmpty();
        assertThat(preview.get("changes").findValuesAsString("op")).containsExactly("update", "update", "create",
                "delete");
        assertThat(preview.get("changes").findValuesAsString("name")).containsExactly("rb-svc-" + s,
                "rb-plan-" + s, "rb-pol-" + s, "rb-new-" + s);
        assertThat(AdminApi.revision()).isEqualTo(now);

        JsonNode applied = rollback(then, false);
        assertThat(applied.get("revision").asLong()).isEqualTo(now + 1);
        assertThat(AdminApi.revision()).isEqualTo(now + 1);
        api.get("/api/v1/services/rb-svc-" + s).andExpect(jsonPath("$.targets[0].port").value(9001));
        api.get("/api/v1/plans/rb-plan-" + s).andExpect(jsonPath("$.rateLimits").isEmpty())
                .andExpect(jsonPath("$.description").value("now"));
        api.get("/api/v1/policies/rb-pol-" + s).andExpect(status().isOk());
        api.get("/api/v1/routes/rb-new-" + s).andExpect(status().isNotFound());
        // the same rollback again changes nothing and commits nothing
        JsonNode again = rollback(then, false);
        assertThat(again.get("changes")).isEmpty();
        assertThat(again.get("revision").isNull()).isTrue();
        assertThat(AdminApi.revision()).isEqualTo(now + 1);
    }

    @Test
    void consumersCreatedSinceAreKeptAndARevokedKeyStaysRevoked() throws Exception {
        api.post("/api/v1/consumers", """
                {"name": "rb-acme-%s", "plan": "rb-plan-%s"}""".formatted(s, s)).andExpect(status().isCreated());
        String key = mapper.readTree(api.post("/api/v1/consumers/rb-acme-" + s + "/keys", "{}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        long then = AdminApi.revision();
        api.delete("/api/v1/consumers/rb-acme-" + s + "/keys/" + key).andExpect(status().isNoContent());
        api.patch("/api/v1/consumers/rb-acme-" + s, """
                {"status": "suspended"}""").andExpect(status().isOk());
        api.post("/api/v1/consumers", """
                {"name": "rb-newco-%s"}""".formatted(s)).andExpect(status().isCreated());

        JsonNode applied = rollback(then, false);
        assertThat(applied.get("kept").findValuesAsString("name")).containsExactly("rb-newco-" + s);
        assertThat(applied.get("changes").findValuesAsString("name")).containsExactly("rb-acme-" + s);
        api.get("/api/v1/consumers/rb-acme-" + s).andExpect(jsonPath("$.status").value("active"));
        api.get("/api/v1/consumers/rb-newco-" + s).andExpect(status().isOk());
        api.get("/api/v1/consumers/rb-acme-" + s + "/keys/" + key).andExpect(jsonPath("$.status").value("revoked"));
    }

    @Test
    void aDeletedJwtRouteWhoseSecretIsGoneRefusesTheRollbackNamingIt() throws Exception {
        api.post("/api/v1/routes", """
                {"name": "rb-jwt-%s", "service": "rb-svc-%s", "paths": ["/rb-jwt-%s"], "auth": "jwt",
                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(s, s, s, SECRET))
                .andExpect(status().isCreated());
        long then = AdminApi.revision();
        api.delete("/api/v1/routes/rb-jwt-" + s).andExpect(status().isNoContent());
        long now = AdminApi.revision();
        api.post("/api/v1/config/rollback", """
                        {"revision": %d, "dryRun": true}""".formatted(then))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_input"))
                .andExpect(jsonPath("$.errors[0].field").value("routes[name=rb-jwt-" + s + "].jwt.secret"));
        assertThat(AdminApi.revision()).isEqualTo(now);
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        long now = AdminApi.revision();
        api.post("/api/v1/config/rollback", "{\"revision\": " + (now + 1000) + "}").andExpect(status().isNotFound());
        api.post("/api/v1/config/rollback", "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("revision"));
        api.post("/api/v1/config/rollback", "{\"revision\": \"x\"}").andExpect(status().isBadRequest());
        api.post("/api/v1/config/rollback", "{\"revision\": " + (now - 1) + ", \"ifRevision\": " + (now - 1) + "}")
                .andExpect(status().isPreconditionFailed());
        assertThat(AdminApi.revision()).isEqualTo(now);
    }
}
