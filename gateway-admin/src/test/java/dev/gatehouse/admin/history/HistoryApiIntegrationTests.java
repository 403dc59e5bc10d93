package dev.gatehouse.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.EntityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration history through the real admin API and database: real changes of every restorable kind and a
 * key, made with an API token of this test's own, listed with their actor and counts, compared field by field
 * in both directions, the state at a past revision for rollbacks, no secret and no key material anywhere, the
 * tables refusing UPDATE, DELETE and TRUNCATE, and bad input answered with problem+json changing nothing.
 */
@AdminIntegrationTest
class HistoryApiIntegrationTests {

    private static final String SECRET = "history-secret-of-at-least-32-bytes!!";
    private static final String OTHER_SECRET = "history-other-secret-of-32-bytes-or-more";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    RevisionStates states;
    @Autowired
    ConfigPublisher publisher;
    @Autowired
    ConfigHistory history;
    @Autowired
    PlatformTransactionManager transactions;

    String suffix;
    String tokenName;
    String token;
    /** Every answer of this test, to look for secrets in. */
    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        tokenName = "history-" + suffix;
        token = ApiTokenService.PREFIX + "history-token-" + suffix;
        tokens.storeIfAbsent(tokenName, token, Role.EDITOR);
    }

    @Test
    void everyRevisionIsListedComparedAndRestorableWithoutSecretsOrKeyMaterial() throws Exception {
        String service = "hsvc-" + suffix;
        String plan = "hplan-" + suffix;
        String route = "hroute-" + suffix;
        String consumer = "hcons-" + suffix;
        String policy = "hpol-" + suffix;
        long start = AdminApi.revision();

        String serviceId = id(send("POST", "/api/v1/services", """
                {"name": "%s", "basePath": "/v1", "targets": [{"host": "127.0.0.1", "port": 9000}]}"""
                .formatted(service)));
        long created = AdminApi.revision();
        String planId = id(send("POST", "/api/v1/plans", """
                {"name": "%s", "rateLimits": [{"requests": 10, "window": "second"}]}""".formatted(plan)));
        String routeId = id(send("POST", "/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["/a-%s"], "auth": "jwt",
                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(route, service, suffix, SECRET)));
        long routeCreated = AdminApi.revision();
        String consumerId = id(send("POST", "/api/v1/consumers", """
                {"name": "%s", "plan": "%s"}""".formatted(consumer, plan)));
        String policyId = id(send("POST", "/api/v1/policies", """
                {"name": "%s", "scope": "route", "route": "%s",
                 "config": {"type": "rate-limit", "limits": [{"requests": 5, "window": "second"}], "by": "consumer"}}
                """.formatted(policy, route)));
        long policyCreated = AdminApi.revision();
        send("PUT", "/api/v1/routes/" + routeId, """
                {"service": "%s", "paths": ["/b-%s"], "auth": "jwt",
                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(service, suffix, OTHER_SECRET));
        long routeUpdated = AdminApi.revision();
        JsonNode issued = mapper.readTree(send("POST", "/api/v1/consumers/" + consumer + "/keys", "{}"));
        long keyIssued = AdminApi.revision();
        send("PUT", "/api/v1/services/" + serviceId, """
                {"basePath": "/v2", "targets": [{"host": "127.0.0.1", "port": 9001}]}""");
        send("DELETE", "/api/v1/policies/" + policyId, null);
        long end = AdminApi.revision();
        assertThat(end).isEqualTo(start + 9);

        // listed newest first, each with its actor and what it changed
        JsonNode page = read("/api/v1/config/revisions?actor=" + tokenName);
        assertThat(page.get("historyStart").asLong()).isLessThanOrEqualTo(start);
        JsonNode items = page.get("items");
        assertThat(items).extracting(item -> item.get("revision").asLong())
                .containsExactly(end, end - 1, keyIssued, routeUpdated, policyCreated, policyCreated - 1,
                        routeCreated, routeCreated - 1, created);
        for (JsonNode item : items) {
            assertThat(item.get("actor").get("type").asString()).isEqualTo("token");
            assertThat(item.get("actor").get("name").asString()).isEqualTo(tokenName);
            assertThat(item.path("reason").isNull() || item.path("reason").isMissingNode()).isTrue();
        }
        JsonNode update = items.get(3);
        assertThat(update.get("changes").toString()).isEqualTo("{\"create\":0,\"update\":1,\"delete\":0}");
        assertThat(update.get("objects").get(0).toString())
                .isEqualTo("{\"kind\":\"route\",\"name\":\"" + route + "\",\"op\":\"update\"}");
        assertThat(items.get(0).get("changes").get("delete").asInt()).isOne();

        // filters and paging
        assertThat(read("/api/v1/config/revisions?actor=" + tokenName + "&kind=policy").get("items"))
                .extracting(item -> item.get("revision").asLong()).containsExactly(end, policyCreated);
        assertThat(read("/api/v1/config/revisions?name=" + route).get("items"))
                .extracting(item -> item.get("revision").asLong()).containsExactly(routeUpdated, routeCreated);
        assertThat(read("/api/v1/config/revisions?actor=" + tokenName + "&from=2999-01-01T00:00:00Z").get("items"))
                .isEmpty();
        List<Long> paged = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode one = read("/api/v1/config/revisions?limit=4&actor=" + tokenName + cursor);
            one.get("items").forEach(item -> paged.add(item.get("revision").asLong()));
            cursor = one.path("next").isString() ? "&cursor=" + one.get("next").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).hasSize(9).first().isEqualTo(end);

        // one revision, field by field; the secret only as changed
        JsonNode routeChange = read("/api/v1/config/revisions/" + routeUpdated).get("changeList").get(0);
        assertThat(routeChange.get("kind").asString()).isEqualTo("route");
        assertThat(routeChange.get("id").asString()).isEqualTo(routeId);
        assertThat(routeChange.get("op").asString()).isEqualTo("update");
        assertThat(fields(routeChange)).containsEntry("paths[0]", "changed /a-" + suffix + " -> /b-" + suffix)
                .containsEntry("jwt.secret", "changed " + Redaction.MARKER + " -> " + Redaction.CHANGED);

        // a key: listed, but nothing of it kept
        JsonNode keyRevision = read("/api/v1/config/revisions/" + keyIssued);
        JsonNode keyChange = keyRevision.get("changeList").get(0);
        assertThat(keyChange.get("kind").asString()).isEqualTo("key");
        assertThat(keyChange.get("op").asString()).isEqualTo("create");
        assertThat(keyChange.get("fields")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM config_history_objects WHERE revision = ? AND kind = 'key'"
                + " AND before IS NULL AND after IS NULL").param(keyIssued).query(Long.class).single()).isOne();

        // the whole run compared, both ways; the policy, created and deleted within it, is not listed
        JsonNode forward = read("/api/v1/config/diff?from=" + start + "&to=" + end);
        assertThat(forward.get("from").asLong()).isEqualTo(start);
        Map<String, JsonNode> ahead = byId(forward);
        assertThat(ahead.keySet()).contains(serviceId, planId, routeId, consumerId, issued.get("id").asString())
                .doesNotContain(policyId);
        assertThat(ahead.get(routeId).get("op").asString()).isEqualTo("create");
        assertThat(fields(ahead.get(routeId))).containsEntry("paths[0]", "added null -> /b-" + suffix);
        assertThat(ahead.get(serviceId).get("name").asString()).isEqualTo(service);
        JsonNode backward = read("/api/v1/config/diff?from=" + end + "&to=" + start);
        Map<String, JsonNode> back = byId(backward);
        assertThat(back.keySet()).isEqualTo(ahead.keySet());
        assertThat(back.values()).allSatisfy(change -> assertThat(change.get("op").asString()).isEqualTo("delete"));

        // two revisions in the middle, both ways
        Map<String, JsonNode> between = byId(read("/api/v1/config/diff?from=" + routeCreated + "&to=" + end));
        assertThat(between.get(routeId).get("op").asString()).isEqualTo("update");
        assertThat(fields(between.get(routeId))).containsEntry("paths[0]", "changed /a-" + suffix + " -> /b-" + suffix)
                .containsEntry("jwt.secret", "changed " + Redaction.MARKER + " -> " + Redaction.CHANGED);
        assertThat(fields(between.get(serviceId))).containsEntry("basePath", "changed /v1 -> /v2")
                .containsEntry("targets[0].port", "changed 9000 -> 9001");
        Map<String, JsonNode> reverse = byId(read("/api/v1/config/diff?from=" + end + "&to=" + routeCreated));
        assertThat(fields(reverse.get(serviceId))).containsEntry("basePath", "changed /v2 -> /v1");
        assertThat(fields(reverse.get(routeId))).containsEntry("paths[0]", "changed /b-" + suffix + " -> /a-" + suffix)
                .containsEntry("jwt.secret", "changed " + Redaction.MARKER + " -> " + Redaction.CHANGED);
        assertThat(read("/api/v1/config/diff?from=" + end + "&to=" + end).get("changes")).isEmpty();

        // the state at a past revision, for rollbacks
        RevisionState atPolicy = states.at(policyCreated);
        assertThat(atPolicy.revision()).isEqualTo(policyCreated);
        assertThat(atPolicy.current()).isGreaterThanOrEqualTo(end);
        Map<String, RevisionState.ObjectAt> then = new java.util.HashMap<>();
        atPolicy.changed().forEach(object -> then.put(object.id(), object));
        assertThat(then).containsKeys(serviceId, routeId, policyId).doesNotContainKeys(planId, consumerId);
        assertThat(then.get(routeId).then().get("paths").get(0).asString()).isEqualTo("/a-" + suffix);
        assertThat(then.get(routeId).then().get("jwt").get("secret").asString()).isEqualTo(Redaction.MARKER);
        assertThat(then.get(routeId).then().get("kind").asString()).isEqualTo("route");
        assertThat(then.get(serviceId).then().get("basePath").asString()).isEqualTo("/v1");
        assertThat(then.get(policyId).then().get("name").asString()).isEqualTo(policy);
        assertThat(atPolicy.changed()).noneMatch(object -> object.kind() == EntityKind.KEY
                || object.kind() == EntityKind.SETTINGS);
        List<EntityKind> order = atPolicy.changed().stream().map(RevisionState.ObjectAt::kind).toList();
        assertThat(order.indexOf(EntityKind.SERVICE)).isLessThan(order.indexOf(EntityKind.ROUTE));
        assertThat(order.indexOf(EntityKind.ROUTE)).isLessThan(order.indexOf(EntityKind.POLICY));

        RevisionState atStart = states.at(start);
        Map<String, RevisionState.ObjectAt> before = new java.util.HashMap<>();
        atStart.changed().forEach(object -> before.put(object.id(), object));
        assertThat(before.get(serviceId).then()).isNull();
        assertThat(before.get(serviceId).name()).isEqualTo(service);
        assertThat(before.get(policyId).then()).isNull();
        assertThat(states.at(AdminApi.revision()).changed()).isEmpty();
        assertThatThrownBy(() -> states.at(AdminApi.revision() + 1_000)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("never committed");

        // no secret and no key anywhere: answers and rows
        String key = issued.get("key").asString();
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(SECRET, OTHER_SECRET, key));
        assertThat(jdbc.sql("SELECT count(*) FROM config_history_objects WHERE before::text LIKE ? OR after::text"
                        + " LIKE ? OR before::text LIKE ? OR after::text LIKE ? OR before::text LIKE ?"
                        + " OR after::text LIKE ?")
                .params("%" + SECRET + "%", "%" + SECRET + "%", "%" + OTHER_SECRET + "%", "%" + OTHER_SECRET + "%",
                        "%" + key + "%", "%" + key + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseRefusesToRewriteHistory() throws Exception {
        String service = "hro-" + suffix;
        send("POST", "/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service));
        long revision = AdminApi.revision();
        for (String sql : List.of(
                "UPDATE config_history SET reason = 'rewritten' WHERE revision = " + revision,
                "DELETE FROM config_history WHERE revision = " + revision,
                "UPDATE config_history_objects SET name = 'rewritten' WHERE revision = " + revision,
                "DELETE FROM config_history_objects WHERE revision = " + revision,
                "UPDATE config_history_start SET revision = revision + 1",
                "DELETE FROM config_history_start",
                "TRUNCATE config_history_objects",
                "TRUNCATE config_history CASCADE",
                "TRUNCATE config_history_start")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).rootCause().hasMessageContaining("append-only");
        }
        assertThat(jdbc.sql("SELECT name FROM config_history_objects WHERE revision = ?").param(revision)
                .query(String.class).single()).isEqualTo(service);
        assertThat(jdbc.sql("SELECT actor_name FROM config_history WHERE revision = ?").param(revision)
                .query(String.class).single()).isEqualTo(tokenName);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        String fingerprint = AdminApi.fingerprint();
        long rows = jdbc.sql("SELECT count(*) FROM config_history").query(Long.class).single();
        long revision = AdminApi.revision();

        problem(call("/api/v1/config/revisions/abc"), 400).andExpect(jsonPath("$.errors[0].field").value("revision"));
        problem(call("/api/v1/config/revisions/-3"), 400).andExpect(jsonPath("$.errors[0].field").value("revision"));
        problem(call("/api/v1/config/revisions/99999999"), 404).andExpect(jsonPath("$.code").value("not_found"));
        problem(call("/api/v1/config/revisions?limit=0"), 400).andExpect(jsonPath("$.errors[0].field").value("limit"));
        problem(call("/api/v1/config/revisions?limit=201&cursor=not-a-cursor&kind=user&from=yesterday"), 400)
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("limit", "cursor", "kind", "from")));
        problem(call("/api/v1/config/diff"), 400)
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("from", "to")));
        problem(call("/api/v1/config/diff?from=abc&to=1"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        problem(call("/api/v1/config/diff?from=0&to=99999999"), 404)
                .andExpect(jsonPath("$.detail", containsString("never committed")));
        problem(call("/api/v1/config/diff?from=99999999&to=0"), 404);

        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(jdbc.sql("SELECT count(*) FROM config_history").query(Long.class).single()).isEqualTo(rows);
    }

    @Test
    void aRevisionWithoutChangesIsListedAndAForcedRestoreSaysSo() throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        long empty = transaction.execute(status -> publisher.publish(publisher.begin()));
        long restored = transaction.execute(status -> {
            ConfigWrite write = publisher.begin();
            long revision = publisher.publish(write);
            history.forceRestored(revision, "cluster-id", Map.of(), Map.of());
            return revision;
        });

        JsonNode emptyRevision = read("/api/v1/config/revisions/" + empty);
        assertThat(emptyRevision.get("actor").get("type").asString()).isEqualTo("system");
        assertThat(emptyRevision.get("changeList")).isEmpty();
        JsonNode restore = read("/api/v1/config/revisions/" + restored);
        assertThat(restore.get("reason").asString()).isEqualTo(ConfigHistory.RESTORED);
        assertThat(restore.get("objects")).isEmpty();
        assertThat(read("/api/v1/config/diff?from=" + (empty - 1) + "&to=" + restored).get("changes")).isEmpty();
    }

    private String send(String method, String path, String json) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(method), path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as("%s %s: %s", method, path, body).isLessThan(300);
        return body;
    }

    private ResultActions call(String url) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(url).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private JsonNode read(String url) throws Exception {
        String body = call(url).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        answers.add(body);
        return mapper.readTree(body);
    }

    private static ResultActions problem(ResultActions actions, int status) throws Exception {
        return actions.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private String id(String body) {
        return mapper.readTree(body).get("id").asString();
    }

    /** Each field of an object change as "change before -> after", by path. */
    private static Map<String, String> fields(JsonNode change) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        change.get("fields").forEach(field -> fields.put(field.get("path").asString(),
                field.get("change").asString() + " " + text(field.get("before")) + " -> " + text(field.get("after"))));
        return fields;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asString();
    }

    private static Map<String, JsonNode> byId(JsonNode diff) {
        Map<String, JsonNode> changes = new java.util.HashMap<>();
        diff.get("changes").forEach(change -> changes.put(change.get("id").asString(), change));
        return changes;
    }
}
