package dev.gatehouse.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.web.Redaction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail through the real admin API and database: one record per change with actor, before and after,
 * secrets never stored, nothing for a refused write, keys issued/revoked/rotated, the table refusing UPDATE,
 * DELETE and TRUNCATE, retention by partition, and the API's filters, paging and errors.
 */
@AdminIntegrationTest
class AuditApiIntegrationTests {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final String OTHER_SECRET = "another-shared-secret-of-32-bytes-or-more";
    /** The name AdminBootstrap gives the test context's API token. */
    private static final String TOKEN_NAME = "bootstrap (GATEHOUSE_ADMIN_TOKEN)";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    AuditPartitions partitions;
    @Autowired
    AuditRetention retention;
    @Autowired
    ApiTokenService tokens;
    AdminApi api;
    String service;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        service = unique("asvc");
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service))
                .andExpect(status().isCreated());
    }

    @Test
    void routeCreateUpdateDeleteEachWriteOneRecordWithActorBeforeAndAfterAndNoSecret() throws Exception {
        String name = unique("aroute");
        String created = mvc.perform(post("/api/v1/routes")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .header("X-Request-Id", "req-audit-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "%s", "service": "%s", "paths": ["/a"], "auth": "jwt",
                                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(name, service, SECRET)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(created).get("id").asString();
        long createdAt = AdminApi.revision();

        api.put("/api/v1/routes/" + id, """
                {"service": "%s", "paths": ["/b"], "auth": "jwt",
                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(service, OTHER_SECRET))
                .andExpect(status().isOk());
        api.delete("/api/v1/routes/" + id).andExpect(status().isNoContent());

        JsonNode items = page("/api/v1/audit?kind=route&objectId=" + id).get("items");
        assertThat(items).hasSize(3);
        JsonNode delete = items.get(0);
        JsonNode update = items.get(1);
        JsonNode create = items.get(2);

        assertThat(create.get("action").asString()).isEqualTo("create");
        assertThat(create.get("actor").get("type").asString()).isEqualTo("token");
        assertThat(create.get("actor").get("name").asString()).isEqualTo(TOKEN_NAME);
        assertThat(create.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(create.get("requestId").asString()).isEqualTo("req-audit-1");
        assertThat(create.get("object").get("name").asString()).isEqualTo(name);
        assertThat(create.get("revision").asLong()).isEqualTo(createdAt);
        assertThat(absent(create, "before")).isTrue();
        assertThat(create.get("after").get("paths").get(0).asString()).isEqualTo("/a");
        assertThat(create.get("after").get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);

        assertThat(update.get("action").asString()).isEqualTo("update");
        assertThat(update.get("before").get("paths").get(0).asString()).isEqualTo("/a");
        assertThat(update.get("after").get("paths").get(0).asString()).isEqualTo("/b");
        assertThat(update.get("before").get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(update.get("after").get("jwt").get("secret").asString()).isEqualTo(Redaction.CHANGED);
        assertThat(absent(update, "requestId")).isTrue();

        assertThat(delete.get("action").asString()).isEqualTo("delete");
        assertThat(delete.get("before").get("paths").get(0).asString()).isEqualTo("/b");
        assertThat(absent(delete, "after")).isTrue();

        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE object_id = '" + id
                + "' AND (before::text LIKE '%shared-secret%' OR after::text LIKE '%shared-secret%')")).isZero();
    }

    @Test
    void aRefusedWriteLeavesNoRecord() throws Exception {
        String name = unique("bad-route");
        long before = AdminApi.longQuery("SELECT count(*) FROM audit_log");
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["no-slash"]}""".formatted(name, service))
                .andExpect(status().isBadRequest());
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE object_name = '" + name + "'"))
                .isZero();
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log")).isEqualTo(before);
    }

    @Test
    void aChangeWhoseAuditRecordCannotBeWrittenIsRolledBack() throws Exception {
        String name = unique("unauditable");
        long revision = AdminApi.revision();
        // The database refuses this one object's audit row (and nothing else, so other tests are unaffected).
        try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TRIGGER audit_log_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW"
                    + " WHEN (NEW.object_name = '" + name + "') EXECUTE FUNCTION audit_log_refuse_change()");
        }
        try {
            int status = api.post("/api/v1/routes", """
                            {"name": "%s", "service": "%s", "paths": ["/x"]}""".formatted(name, service))
                    .andReturn().getResponse().getStatus();
            assertThat(status).isGreaterThanOrEqualTo(500);
        } finally {
            try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
                s.executeUpdate("DROP TRIGGER audit_log_test_refuse ON audit_log");
            }
        }
        api.get("/api/v1/routes/" + name).andExpect(status().isNotFound());
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM routes WHERE name = '" + name + "'")).isZero();
    }

    @Test
    void keysIssuedRotatedAndRevokedAreRecordedWithoutTheirHashes() throws Exception {
        String consumer = unique("acons");
        api.post("/api/v1/consumers", """
                {"name": "%s"}""".formatted(consumer)).andExpect(status().isCreated());
        JsonNode issued = mapper.readTree(api.post("/api/v1/consumers/" + consumer + "/keys", "{}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String keyId = issued.get("id").asString();
        JsonNode rotated = mapper.readTree(api.post("/api/v1/consumers/" + consumer + "/keys/" + keyId + "/rotate",
                "{\"gracePeriodSeconds\": 60}").andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString());
        String newKeyId = rotated.get("id").asString();
        api.delete("/api/v1/consumers/" + consumer + "/keys/" + newKeyId).andExpect(status().isNoContent());

        JsonNode issue = single("/api/v1/audit?kind=key&objectId=" + keyId + "&action=issue");
        assertThat(issue.get("object").get("name").asString()).isEqualTo(issued.get("prefix").asString());
        assertThat(issue.get("after").get("hash").asString()).isEqualTo(Redaction.MARKER);

        JsonNode rotate = single("/api/v1/audit?kind=key&objectId=" + keyId + "&action=rotate");
        assertThat(rotate.get("after").get("replacement").get("id").asString()).isEqualTo(newKeyId);
        assertThat(rotate.get("after").get("replacement").get("hash").asString()).isEqualTo(Redaction.MARKER);
        assertThat(rotate.get("before").get("expiresAt").asLong())
                .isNotEqualTo(rotate.get("after").get("expiresAt").asLong());
        // the replacement is part of the rotation, not a record of its own
        assertThat(page("/api/v1/audit?kind=key&objectId=" + newKeyId).get("items"))
                .extracting(item -> item.get("action").asString()).containsExactly("revoke");

        String issuedKey = issued.get("key").asString();
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE object_kind = 'key' AND"
                + " (before::text LIKE '%" + issuedKey + "%' OR after::text LIKE '%" + issuedKey + "%')")).isZero();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAuditRows() throws Exception {
        api.put("/api/v1/services/" + service, """
                {"targets": [{"host": "127.0.0.1", "port": 9001}]}""").andExpect(status().isOk());
        long count = AdminApi.longQuery("SELECT count(*) FROM audit_log");
        try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET action = 'create' WHERE object_name = '"
                    + service + "'")).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log WHERE object_name = '" + service + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            String partition = AuditPartitions.name(YearMonth.now(ZoneOffset.UTC));
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM " + partition))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE " + partition))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log")).isEqualTo(count);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE object_name = '" + service
                + "' AND action = 'update'")).isOne();
    }

    @Test
    void retentionDropsWholeMonthsOlderThanTheRetentionAndNothingNewer() throws Exception {
        YearMonth old = YearMonth.of(2001, 1);
        partitions.ensure(old);
        try (Connection connection = TestDatabase.get().open(); Statement s = connection.createStatement()) {
            s.executeUpdate("INSERT INTO audit_log (at, actor_type, actor_name, action, object_kind)"
                    + " VALUES ('2001-01-15T00:00:00Z', 'system', 'gatehouse', 'create', 'route')");
        }
        assertThat(partitions.months()).contains(old, YearMonth.now(ZoneOffset.UTC));

        assertThat(retention.run(Instant.now())).contains(old)
                .doesNotContain(YearMonth.now(ZoneOffset.UTC));

        assertThat(partitions.months()).doesNotContain(old).contains(YearMonth.now(ZoneOffset.UTC));
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE at < '2002-01-01T00:00:00Z'")).isZero();
    }

    @Test
    void filtersAndPagesWithAnOpaqueCursor() throws Exception {
        for (int port = 9001; port <= 9002; port++) {
            api.put("/api/v1/services/" + service, """
                    {"targets": [{"host": "127.0.0.1", "port": %d}]}""".formatted(port)).andExpect(status().isOk());
        }
        String base = "/api/v1/audit?kind=service&objectName=" + service;
        JsonNode first = page(base + "&limit=2");
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items")).extracting(i -> i.get("action").asString())
                .containsExactly("update", "update");
        String cursor = first.get("next").asString();
        JsonNode second = page(base + "&limit=2&cursor=" + cursor);
        assertThat(second.get("items")).extracting(i -> i.get("action").asString()).containsExactly("create");
        assertThat(absent(second, "next")).isTrue();

        assertThat(page(base + "&action=update").get("items")).hasSize(2);
        assertThat(page(base + "&actor=" + TOKEN_NAME)
                .get("items")).hasSize(3);
        assertThat(page(base + "&actor=someone-else").get("items")).isEmpty();
        assertThat(page(base + "&from=2999-01-01T00:00:00Z").get("items")).isEmpty();
        assertThat(page(base + "&to=2000-01-01T00:00:00Z").get("items")).isEmpty();
        assertThat(page(base + "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z").get("items")).hasSize(3);
        String id = first.get("items").get(0).get("id").asString();
        api.get("/api/v1/audit/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.object.name").value(service));
        api.get("/api/v1/audit/not-a-number").andExpect(status().isNotFound());
    }

    @Test
    void badFiltersAreRefusedWithTheirFields() throws Exception {
        api.get("/api/v1/audit?limit=201&kind=thing&action=explode&from=yesterday&cursor=nope")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("limit", "kind", "action", "from", "cursor")));
        api.get("/api/v1/audit?limit=0").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        api.get("/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        // tampered cursors: a time the database cannot compare with, a call-log cursor
        for (String plain : List.of("a1:" + Long.MIN_VALUE + ":1", "a1:253402300800000000:1", "1:1772359200123456:42")) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
            api.get("/api/v1/audit?cursor=" + cursor).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        }
    }

    @Test
    void adminsAndEditorsMayReadTheTrailButViewersMayNot() throws Exception {
        String viewer = ApiTokenService.PREFIX + unique("audit-viewer");
        String editor = ApiTokenService.PREFIX + unique("audit-editor");
        tokens.storeIfAbsent("audit viewer", viewer, Role.VIEWER);
        tokens.storeIfAbsent("audit editor", editor, Role.EDITOR);

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + editor))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/audit")).andExpect(status().isUnauthorized());
    }

    private JsonNode page(String url) throws Exception {
        return mapper.readTree(api.get(url).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode single(String url) throws Exception {
        JsonNode items = page(url).get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** Whether the field is null or left out (the API may omit nulls). */
    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
