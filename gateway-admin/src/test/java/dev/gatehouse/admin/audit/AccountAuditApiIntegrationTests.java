package dev.gatehouse.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes to users and admin API tokens through {@code /api/v1/users} and {@code /api/v1/tokens} in the audit
 * trail: one record per change with actor, address, request id, object and before/after; never a password, a
 * password hash, a token or its digest; nothing for a refused change; no change without its record.
 */
@AdminIntegrationTest
class AccountAuditApiIntegrationTests {

    /** The name AdminBootstrap gives the test context's API token. */
    private static final String TOKEN_NAME = "bootstrap (GATEHOUSE_ADMIN_TOKEN)";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    JdbcClient jdbc;
    AdminApi api;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    @Test
    void eachUserChangeWritesOneRecordWithActorAddressRequestIdAndBeforeAfter() throws Exception {
        String name = unique("audited");
        String password = "first-password-" + UUID.randomUUID();
        String newPassword = "second-password-" + UUID.randomUUID();
        JsonNode created = json(call(post("/api/v1/users"), "req-user-1", """
                {"username": "%s", "role": "EDITOR", "password": "%s"}""".formatted(name, password))
                .andExpect(status().isCreated()));
        String id = created.get("id").asString();
        call(patch("/api/v1/users/" + name), "req-user-2", "{\"role\": \"VIEWER\"}").andExpect(status().isOk());
        call(patch("/api/v1/users/" + name), "req-user-3", "{\"enabled\": false}").andExpect(status().isOk());
        call(patch("/api/v1/users/" + name), "req-user-4", "{\"enabled\": true}").andExpect(status().isOk());
        call(put("/api/v1/users/" + name + "/password"), "req-user-5", """
                {"password": "%s"}""".formatted(newPassword)).andExpect(status().isNoContent());
        String hash = jdbc.sql("SELECT password_hash FROM admin_users WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        call(delete("/api/v1/users/" + name), "req-user-6", null).andExpect(status().isNoContent());

        JsonNode items = page("/api/v1/audit?kind=user&objectId=" + id).get("items");
        assertThat(items).extracting(i -> i.get("action").asString())
                .containsExactly("delete", "password-reset", "enable", "disable", "update", "create");
        assertThat(items).extracting(i -> i.get("requestId").asString())
                .containsExactly("req-user-6", "req-user-5", "req-user-4", "req-user-3", "req-user-2", "req-user-1");
        for (JsonNode item : items) {
            assertThat(item.get("actor").get("type").asString()).isEqualTo("token");
            assertThat(item.get("actor").get("name").asString()).isEqualTo(TOKEN_NAME);
            assertThat(item.get("clientAddress").asString()).isEqualTo("127.0.0.1");
            assertThat(item.get("object").get("kind").asString()).isEqualTo("user");
            assertThat(item.get("object").get("name").asString()).isEqualTo(name);
            assertThat(absent(item, "revision")).isTrue();
        }
        JsonNode create = items.get(5);
        assertThat(absent(create, "before")).isTrue();
        assertThat(create.get("after").get("username").asString()).isEqualTo(name);
        assertThat(create.get("after").get("role").asString()).isEqualTo("EDITOR");
        assertThat(create.get("after").get("enabled").asBoolean()).isTrue();
        JsonNode update = items.get(4);
        assertThat(update.get("before").get("role").asString()).isEqualTo("EDITOR");
        assertThat(update.get("after").get("role").asString()).isEqualTo("VIEWER");
        JsonNode disable = items.get(3);
        assertThat(disable.get("before").get("enabled").asBoolean()).isTrue();
        assertThat(disable.get("after").get("enabled").asBoolean()).isFalse();
        JsonNode enable = items.get(2);
        assertThat(enable.get("after").get("enabled").asBoolean()).isTrue();
        JsonNode reset = items.get(1);
        assertThat(reset.get("before").get("username").asString()).isEqualTo(name);
        assertThat(reset.get("after").get("role").asString()).isEqualTo("VIEWER");
        JsonNode deleted = items.get(0);
        assertThat(deleted.get("before").get("username").asString()).isEqualTo(name);
        assertThat(absent(deleted, "after")).isTrue();

        // the raw rows: no password, no hash, no hash-like text at all
        List<String> rows = jdbc.sql("SELECT concat_ws('|', before::text, after::text, object_name, object_id)"
                + " FROM audit_log WHERE object_kind = 'user' AND object_id = ?").param(id).query(String.class).list();
        assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(row)
                .doesNotContain(password, newPassword, hash, "$2", "{bcrypt}")
                .doesNotContainIgnoringCase("hash"));
    }

    @Test
    void tokenCreateAndRevokeWriteOneRecordEachWithoutTheTokenOrItsDigest() throws Exception {
        String name = unique("audited-token");
        JsonNode created = json(call(post("/api/v1/tokens"), "req-token-1", """
                {"name": "%s", "role": "VIEWER", "expiresAt": "2999-01-01T00:00:00Z"}""".formatted(name))
                .andExpect(status().isCreated()));
        String id = created.get("id").asString();
        String token = created.get("token").asString();
        String digest = jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        call(delete("/api/v1/tokens/" + id), "req-token-2", null).andExpect(status().isNoContent());

        JsonNode items = page("/api/v1/audit?kind=token&objectId=" + id).get("items");
        assertThat(items).extracting(i -> i.get("action").asString()).containsExactly("revoke", "create");
        assertThat(items).extracting(i -> i.get("requestId").asString())
                .containsExactly("req-token-2", "req-token-1");
        for (JsonNode item : items) {
            assertThat(item.get("actor").get("name").asString()).isEqualTo(TOKEN_NAME);
            assertThat(item.get("clientAddress").asString()).isEqualTo("127.0.0.1");
            assertThat(item.get("object").get("name").asString()).isEqualTo(name);
        }
        JsonNode create = items.get(1);
        assertThat(absent(create, "before")).isTrue();
        assertThat(create.get("after").get("name").asString()).isEqualTo(name);
        assertThat(create.get("after").get("role").asString()).isEqualTo("VIEWER");
        assertThat(create.get("after").get("owner").asString()).isEqualTo(created.get("owner").asString());
        assertThat(create.get("after").get("expiresAt").asString()).startsWith("2999-01-01T00:00");
        JsonNode revoke = items.get(0);
        assertThat(revoke.get("before").get("name").asString()).isEqualTo(name);
        assertThat(absent(revoke, "after")).isTrue();

        // the secret and its digest are in no audit row at all
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE concat_ws('|', before::text, after::text,"
                        + " object_name, object_id, actor_name) LIKE ? OR concat_ws('|', before::text, after::text)"
                        + " LIKE ?").param("%" + token + "%").param("%" + digest + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void deletingAUserRecordsTheTokensDeletedWithItInTheOneRecord() throws Exception {
        String name = unique("owner");
        String id = json(api.post("/api/v1/users", """
                {"username": "%s", "role": "EDITOR", "password": "a-long-enough-password"}""".formatted(name))
                .andExpect(status().isCreated())).get("id").asString();
        String tokenName = unique("owned-token");
        JsonNode token = json(api.post("/api/v1/tokens", """
                {"name": "%s", "role": "VIEWER", "owner": "%s"}""".formatted(tokenName, name))
                .andExpect(status().isCreated()));
        call(delete("/api/v1/users/" + name), "req-owner-delete", null).andExpect(status().isNoContent());

        JsonNode deleted = page("/api/v1/audit?kind=user&objectId=" + id + "&action=delete").get("items");
        assertThat(deleted).hasSize(1);
        JsonNode revoked = deleted.get(0).get("before").get("alsoRevoked");
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0).get("id").asString()).isEqualTo(token.get("id").asString());
        assertThat(revoked.get(0).get("name").asString()).isEqualTo(tokenName);
        assertThat(revoked.get(0).get("role").asString()).isEqualTo("VIEWER");
        assertThat(deleted.get(0).get("before").get("username").asString()).isEqualTo(name);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE request_id = 'req-owner-delete'")
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE before::text LIKE ?")
                .param("%" + token.get("token").asString() + "%").query(Long.class).single()).isZero();
    }

    @Test
    void refusedChangesWriteNoRecord() throws Exception {
        String name = unique("refused");
        call(post("/api/v1/users"), "req-bad-1", """
                {"username": "%s", "role": "ROOT", "password": "a-long-enough-password"}""".formatted(name))
                .andExpect(status().isBadRequest());
        assertThat(records(name)).isZero();

        String id = json(api.post("/api/v1/users", """
                {"username": "%s", "role": "VIEWER", "password": "a-long-enough-password"}""".formatted(name))
                .andExpect(status().isCreated())).get("id").asString();
        assertThat(records(name)).isOne();
        call(patch("/api/v1/users/" + name), "req-bad-2", "{\"role\": \"ROOT\"}").andExpect(status().isBadRequest());
        call(put("/api/v1/users/" + name + "/password"), "req-bad-3", "{\"password\": \"short\"}")
                .andExpect(status().isBadRequest());
        call(post("/api/v1/users"), "req-bad-4", """
                {"username": "%s", "role": "VIEWER", "password": "a-long-enough-password"}""".formatted(name))
                .andExpect(status().isConflict());
        String tokenName = unique("refused-token");
        call(post("/api/v1/tokens"), "req-bad-5", """
                {"name": "%s", "role": "ROOT"}""".formatted(tokenName)).andExpect(status().isBadRequest());
        call(delete("/api/v1/tokens/" + UUID.randomUUID()), "req-bad-6", null).andExpect(status().isNotFound());

        assertThat(records(name)).isOne();
        assertThat(records(tokenName)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE request_id LIKE 'req-bad-%' AND object_id = ?")
                .param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE request_id IN"
                        + " ('req-bad-1', 'req-bad-2', 'req-bad-3', 'req-bad-4', 'req-bad-5', 'req-bad-6')"
                        + " AND object_kind IN ('user', 'token') AND (object_name = ? OR object_name = ?)")
                .param(name).param(tokenName).query(Long.class).single()).isZero();
    }

    @Test
    void aUserChangeWhoseRecordCannotBeWrittenIsRolledBack() throws Exception {
        String name = unique("unauditable-user");
        try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TRIGGER audit_log_test_refuse_user BEFORE INSERT ON audit_log FOR EACH ROW"
                    + " WHEN (NEW.object_name = '" + name + "') EXECUTE FUNCTION audit_log_refuse_change()");
        }
        try {
            int status = api.post("/api/v1/users", """
                            {"username": "%s", "role": "VIEWER", "password": "a-long-enough-password"}"""
                            .formatted(name)).andReturn().getResponse().getStatus();
            assertThat(status).isGreaterThanOrEqualTo(500);
            String tokenName = name + "-token";
            try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
                s.executeUpdate("CREATE TRIGGER audit_log_test_refuse_token BEFORE INSERT ON audit_log FOR EACH ROW"
                        + " WHEN (NEW.object_name = '" + tokenName + "') EXECUTE FUNCTION audit_log_refuse_change()");
            }
            status = api.post("/api/v1/tokens", """
                    {"name": "%s", "role": "VIEWER"}""".formatted(tokenName)).andReturn().getResponse().getStatus();
            assertThat(status).isGreaterThanOrEqualTo(500);
            assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE name = ?").param(tokenName)
                    .query(Long.class).single()).isZero();
        } finally {
            try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
                s.executeUpdate("DROP TRIGGER IF EXISTS audit_log_test_refuse_user ON audit_log");
                s.executeUpdate("DROP TRIGGER IF EXISTS audit_log_test_refuse_token ON audit_log");
            }
        }
        api.get("/api/v1/users/" + name).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT count(*) FROM admin_users WHERE username = ?").param(name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theAuditFiltersAcceptTheNewKindsAndActions() throws Exception {
        for (String query : List.of("kind=token", "kind=user", "action=enable", "action=disable",
                "action=password-reset", "kind=token&action=revoke")) {
            api.get("/api/v1/audit?limit=1&" + query).andExpect(status().isOk());
        }
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String requestId, String json)
            throws Exception {
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                .header("X-Request-Id", requestId);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    private long records(String objectName) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE object_name = ? AND object_kind IN ('user', 'token')")
                .param(objectName).query(Long.class).single();
    }

    private JsonNode json(ResultActions result) throws Exception {
        return mapper.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private JsonNode page(String url) throws Exception {
        return json(api.get(url).andExpect(status().isOk()));
    }

    /** Whether the field is null or left out (the API may omit nulls). */
    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
