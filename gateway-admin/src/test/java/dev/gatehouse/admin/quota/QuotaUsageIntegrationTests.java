package dev.gatehouse.admin.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaPeriod;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Quota usage through the real API, PostgreSQL and the shared Redis (under this context's key prefix): counted
 * from shipped call logs, read from Redis counters, repaired by reconciliation after the counters are lost, shown
 * on the consumer page.
 */
@AdminIntegrationTest
class QuotaUsageIntegrationTests {

    private static final ConfigJson JSON = new ConfigJson();
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    @Autowired
    MockMvc mvc;

    @Autowired
    QuotaProperties properties;

    @Autowired
    QuotaReconciler reconciler;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        redis = client.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        client.shutdown();
    }

    private AdminApi api() {
        return new AdminApi(mvc);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a plan with 10 calls a day per consumer and 100 a month per key, and a consumer on it. */
    private String consumerOnQuotaPlan() throws Exception {
        String plan = unique("quota-plan");
        api().post("/api/v1/plans", """
                {"name": "%s", "quotas": [{"calls": 10, "period": "day", "by": "consumer"},
                                          {"calls": 100, "period": "month", "by": "key"}]}""".formatted(plan))
                .andExpect(status().isCreated());
        String consumer = unique("quota-consumer");
        String body = api().post("/api/v1/consumers", """
                {"name": "%s", "plan": "%s"}""".formatted(consumer, plan))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    private void ship(List<CallRecord> records) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(JSON.write(new CallRecordBatch(UUID.randomUUID().toString(), "node-q", records)));
        }
        mvc.perform(post(ClusterProtocol.CALLS_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(out.toByteArray()))
                .andExpect(status().isNoContent());
    }

    private static CallRecord call(String consumerId, String keyPrefix, int status, String errorCode) {
        return new CallRecord(System.currentTimeMillis(), "node-q", UUID.randomUUID().toString(), "rt-q", "q",
                "svc-q", "q", consumerId, "c", keyPrefix, "GET", "/q", status, 1_000, 500, 0, 10, "127.0.0.1",
                errorCode, null, 0, null);
    }

    private String dayKey(String consumerId) {
        return QuotaCounters.key(properties.keyPrefix(), consumerId, null, QuotaPeriod.DAY,
                System.currentTimeMillis());
    }

    @Test
    void usageCountsAcceptedCallsFromCallLogsPerPeriodAndKey() throws Exception {
        String id = consumerOnQuotaPlan();
        List<CallRecord> calls = new ArrayList<>();
        calls.add(call(id, "gwk_aaaaaaaa", 200, null));
        calls.add(call(id, "gwk_aaaaaaaa", 502, "upstream_unavailable"));
        calls.add(call(id, "gwk_bbbbbbbb", 404, null));
        // refused before or by the quota check: not counted
        calls.add(call(id, "gwk_aaaaaaaa", 429, "rate_limited"));
        calls.add(call(id, "gwk_aaaaaaaa", 429, "quota_exceeded"));
        calls.add(call(id, "gwk_aaaaaaaa", 403, "forbidden"));
        ship(calls);

        api().get("/api/v1/consumers/" + id + "/usage")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consumerId").value(id))
                .andExpect(jsonPath("$.source").value("redis"))
                .andExpect(jsonPath("$.quotas.length()").value(2))
                .andExpect(jsonPath("$.quotas[?(@.period == 'day')].used").value(3))
                .andExpect(jsonPath("$.quotas[?(@.period == 'day')].remaining").value(7))
                .andExpect(jsonPath("$.quotas[?(@.period == 'day')].percent").value(30))
                .andExpect(jsonPath("$.quotas[?(@.period == 'month')].by").value("key"))
                .andExpect(jsonPath("$.quotas[?(@.period == 'month')].used").value(2))
                .andExpect(jsonPath("$.quotas[?(@.period == 'month')].keys[0].keyPrefix").value("gwk_aaaaaaaa"))
                .andExpect(jsonPath("$.quotas[?(@.period == 'month')].keys[0].used").value(2))
                .andExpect(jsonPath("$.quotas[?(@.period == 'month')].keys[1].used").value(1));
    }

    @Test
    void redisCountersAheadOfTheCallLogsWinAndLostCountersAreRepairedFromThem() throws Exception {
        String id = consumerOnQuotaPlan();
        ship(List.of(call(id, "gwk_cccccccc", 200, null), call(id, "gwk_cccccccc", 200, null)));
        // the nodes counted more than the logs hold yet (calls not shipped yet, leases reserved)
        redis.sync().set(dayKey(id), "6");
        api().get("/api/v1/consumers/" + id + "/usage")
                .andExpect(jsonPath("$.quotas[?(@.period == 'day')].used").value(6));

        // Redis lost its data (restart without persistence): reconciliation brings the counter back to the logs
        redis.sync().del(dayKey(id));
        assertThat(reconciler.reconcile()).isPositive();
        assertThat(redis.sync().get(dayKey(id))).isEqualTo("2");
        assertThat(redis.sync().pttl(dayKey(id))).isPositive();
        String monthKey = QuotaCounters.key(properties.keyPrefix(), id, "gwk_cccccccc", QuotaPeriod.MONTH,
                System.currentTimeMillis());
        assertThat(redis.sync().get(monthKey)).isEqualTo("2");
        // never lowers a counter
        redis.sync().set(dayKey(id), "9");
        reconciler.reconcile();
        assertThat(redis.sync().get(dayKey(id))).isEqualTo("9");
    }

    @Test
    void unknownConsumerIsNotFoundAndAConsumerWithoutPlanHasNoQuotas() throws Exception {
        api().get("/api/v1/consumers/" + unique("nobody") + "/usage")
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        String consumer = unique("planless");
        api().post("/api/v1/consumers", "{\"name\": \"" + consumer + "\"}").andExpect(status().isCreated());
        api().get("/api/v1/consumers/" + consumer + "/usage")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consumer").value(consumer))
                .andExpect(jsonPath("$.quotas.length()").value(0));
    }

    @Test
    void theConsumerPageShowsEachQuotaAsABar() throws Exception {
        String id = consumerOnQuotaPlan();
        ship(List.of(call(id, "gwk_dddddddd", 200, null), call(id, "gwk_dddddddd", 200, null),
                call(id, "gwk_dddddddd", 200, null), call(id, "gwk_dddddddd", 200, null)));
        mvc.perform(get("/consumers/" + id).with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"quota-usage\"")))
                .andExpect(content().string(containsString("10 calls per day (UTC)")))
                .andExpect(content().string(containsString("4 of 10 used, 6 left")))
                .andExpect(content().string(containsString("aria-valuenow=\"40\"")))
                .andExpect(content().string(containsString("gwk_dddddddd")));
    }
}
