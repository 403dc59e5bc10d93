package dev.gatehouse.admin.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ApiKeyHasher;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ClusterSettingsSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@AdminIntegrationTest
class ApiKeyApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    KeyHashingSecret secret;
    @Autowired
    PublishedKeys published;
    @Autowired
    PlatformTransactionManager transactions;
    AdminApi api;
    String consumer;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        consumer = unique("keyholder");
        api.post("/api/v1/consumers", "{\"name\": \"%s\"}".formatted(consumer)).andExpect(status().isCreated());
    }

    @Test
    void theKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        long before = AdminApi.revision();

        JsonNode issued = json(api.post(keys())
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().exists(HttpHeaders.LOCATION))
                .andExpect(jsonPath("$.expiresAt").doesNotExist())
                .andExpect(jsonPath("$.scopes.routes").isEmpty()));
        String key = issued.get("key").asString();
        String id = issued.get("id").asString();

        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
        assertThat(issued.get("prefix").asString()).isEqualTo(ApiKeyFormat.displayPrefix(key));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);

        String list = api.get(keys()).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].consumer").value(consumer))
                .andExpect(jsonPath("$[0].status").value("active"))
                .andExpect(jsonPath("$[0].key").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(key);
        api.get(keys() + "/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.prefix").value(
                ApiKeyFormat.displayPrefix(key)));
        api.get("/api/v1/consumers/" + consumer).andExpect(jsonPath("$.activeKeys").value(1));

        // Not in any column of any table (change log included), not even the part after the prefix.
        assertThat(rowsContaining(key)).isEmpty();
        assertThat(rowsContaining(key.substring(ApiKeyFormat.DISPLAY_PREFIX_LENGTH, 40))).isEmpty();

        // What is stored and published is the HMAC under the cluster's secret: a node can check the key.
        ApiKeySpec spec = publishedKey(id);
        assertThat(spec.hash()).isEqualTo(secret.hasher().hashToString(key));
        assertThat(spec.prefix()).isEqualTo(ApiKeyFormat.displayPrefix(key));
        ClusterSettingsSpec cluster = secret.currentEntities().get(0);
        assertThat(new ApiKeyHasher(cluster.keyHashSecret()).hashToString(key))
                .isEqualTo(spec.hash());
    }

    @Test
    void issuesWithExpiryAndScopesNamedByNameOrId() throws Exception {
        String service = unique("scoped-svc");
        String serviceId = json(api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service)))
                .get("id").asString();
        String route = unique("scoped-route");
        String routeId = json(api.post("/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["/scoped"]}""".formatted(route, service)))
                .get("id").asString();
        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        JsonNode issued = json(api.post(keys(), """
                        {"expiresAt": "%s", "scopes": {"routes": ["%s"], "services": ["%s"], "tags": ["public"]}}"""
                        .formatted(expires, routeId, service))
                .andExpect(jsonPath("$.expiresAt").value(expires.toString()))
                .andExpect(jsonPath("$.scopes.routes", contains(route)))
                .andExpect(jsonPath("$.scopes.services", contains(service)))
                .andExpect(jsonPath("$.scopes.tags", contains("public"))));

        ApiKeySpec spec = publishedKey(issued.get("id").asString());
        assertThat(spec.scopes().routes()).containsExactly(routeId);
        assertThat(spec.scopes().services()).containsExactly(serviceId);
        assertThat(spec.scopes().tags()).containsExactly("public");
        assertThat(spec.expiresAt()).isEqualTo(expires.toEpochMilli());
        api.get(keys()).andExpect(jsonPath("$[0].scopes.routes", contains(route)))
                .andExpect(jsonPath("$[0].expiresAt").value(expires.toString()));
    }

    @Test
    void revokingUnpublishesTheKeyOnce() throws Exception {
        String id = json(api.post(keys())).get("id").asString();
        long before = AdminApi.revision();

        api.delete(keys() + "/" + id).andExpect(status().isNoContent());
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)
                + " AND kind = 'key' AND op = 'delete' AND entity_id = '" + id + "'")).isEqualTo(1);
        api.get(keys()).andExpect(jsonPath("$[0].status").value("revoked"))
                .andExpect(jsonPath("$[0].revokedAt").isString());
        assertThat(publishedIds()).doesNotContain(id);
        api.get("/api/v1/consumers/" + consumer).andExpect(jsonPath("$.activeKeys").value(0));

        // Again: nothing to do, no revision spent.
        api.delete(keys() + "/" + id).andExpect(status().isNoContent());
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        // A rotated-away key cannot be rotated.
        api.post(keys() + "/" + id + "/rotate", "{}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("key_not_active"));
    }

    @Test
    void rotationKeepsBothKeysValidAndShortensTheOldOne() throws Exception {
        Instant expires = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode old = json(api.post(keys(), """
                {"expiresAt": "%s", "scopes": {"tags": ["public"]}}""".formatted(expires)));
        String oldId = old.get("id").asString();
        long before = AdminApi.revision();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        JsonNode rotated = json(api.post(keys() + "/" + oldId + "/rotate", """
                {"gracePeriodSeconds": 3600}""")
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.scopes.tags", contains("public")))
                .andExpect(jsonPath("$.expiresAt").value(expires.toString())));
        String newId = rotated.get("id").asString();
        String newKey = rotated.get("key").asString();

        assertThat(newKey).isNotEqualTo(old.get("key").asString());
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        // One revision: the new key and the old key with its new expiry.
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)
                + " AND kind = 'key' AND op = 'upsert'")).isEqualTo(2);
        ApiKeySpec oldSpec = publishedKey(oldId);
        ApiKeySpec newSpec = publishedKey(newId);
        assertThat(newSpec.hash()).isEqualTo(secret.hasher().hashToString(newKey));
        assertThat(Instant.ofEpochMilli(oldSpec.expiresAt()))
                .isBetween(start.plusSeconds(3600), Instant.now().plusSeconds(3600));
        assertThat(newSpec.expiresAt()).isEqualTo(expires.toEpochMilli());

        String list = api.get(keys()).andExpect(jsonPath("$", hasSize(2)))
                .andReturn().getResponse().getContentAsString();
        JsonNode views = mapper.readTree(list);
        Map<String, JsonNode> byId = Map.of(views.get(0).get("id").asString(), views.get(0),
                views.get(1).get("id").asString(), views.get(1));
        assertThat(byId.get(oldId).get("status").asString()).isEqualTo("rotating");
        assertThat(byId.get(oldId).get("replacedBy").asString()).isEqualTo(newId);
        assertThat(byId.get(newId).get("status").asString()).isEqualTo("active");
        api.get("/api/v1/consumers/" + consumer).andExpect(jsonPath("$.activeKeys").value(2));

        // Rotating the old key again is refused; the new one can be.
        api.post(keys() + "/" + oldId + "/rotate").andExpect(status().isConflict());
        String third = json(api.post(keys() + "/" + newId + "/rotate", "{\"gracePeriodSeconds\": 0}"))
                .get("id").asString();
        api.get(keys() + "/" + newId).andExpect(jsonPath("$.status").value("expired"))
                .andExpect(jsonPath("$.replacedBy").value(third));
    }

    @Test
    void rotationGraceDefaultsToADayAndNeverExtendsTheKey() throws Exception {
        String longLived = json(api.post(keys())).get("id").asString();
        api.post(keys() + "/" + longLived + "/rotate").andExpect(status().isCreated());
        assertThat(Instant.ofEpochMilli(publishedKey(longLived).expiresAt()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        Instant soon = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String shortLived = json(api.post(keys(), "{\"expiresAt\": \"%s\"}".formatted(soon))).get("id").asString();
        api.post(keys() + "/" + shortLived + "/rotate", "{\"gracePeriodSeconds\": 2592000}")
                .andExpect(status().isCreated());
        assertThat(publishedKey(shortLived).expiresAt()).isEqualTo(soon.toEpochMilli());
    }

    @Test
    void heartbeatsRecordWhenKeysWereLastUsed() throws Exception {
        String id = json(api.post(keys())).get("id").asString();
        api.get(keys() + "/" + id).andExpect(jsonPath("$.lastUsedAt").doesNotExist());
        long used = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toEpochMilli();

        heartbeat(Map.of(id, used, UUID.randomUUID().toString(), used, "not-a-key", used));
        api.get(keys() + "/" + id).andExpect(jsonPath("$.lastUsedAt").value(Instant.ofEpochMilli(used).toString()));

        // An older report (another node, later) does not move it back; a future one is taken as now.
        heartbeat(Map.of(id, used - 10_000));
        api.get(keys() + "/" + id).andExpect(jsonPath("$.lastUsedAt").value(Instant.ofEpochMilli(used).toString()));
        heartbeat(Map.of(id, Instant.now().plus(Duration.ofDays(1)).toEpochMilli()));
        Instant last = Instant.parse(json(api.get(keys() + "/" + id)).get("lastUsedAt").asString());
        assertThat(last).isBetween(Instant.ofEpochMilli(used), Instant.now());
    }

    private void heartbeat(Map<String, Long> used) throws Exception {
        mvc.perform(MockMvcRequestBuilders.post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(mapper.writeValueAsString(Map.of("nodeId", "key-usage-node", "appliedRevision", 1,
                                "keysLastUsed", used))))
                .andExpect(status().isNoContent());
    }

    private String keys() {
        return "/api/v1/consumers/" + consumer + "/keys";
    }

    private JsonNode json(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return mapper.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ApiKeySpec publishedKey(String id) {
        List<ApiKeySpec> found = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> published.forEachPublished(key -> {
                    if (key.id().equals(id)) {
                        found.add(key);
                    }
                }));
        assertThat(found).as("published key %s", id).hasSize(1);
        return found.get(0);
    }

    private List<String> publishedIds() {
        List<String> ids = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> published.forEachPublished(key -> ids.add(key.id())));
        return ids;
    }

    /** Every row, in any table of the schema, whose text form contains the value. */
    static List<String> rowsContaining(String value) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = TestDatabase.get().open(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("api_keys", "config_changes", "consumers");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\" t WHERE t::text LIKE '%"
                        + value + "%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        hits.add(table);
                    }
                }
            }
        }
        return hits;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
