package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Shipping call batches and reading them back through the logs API. */
@AdminIntegrationTest
class CallLogIntegrationTests {

    static final ConfigJson JSON = new ConfigJson();

    @Autowired
    MockMvc mvc;

    /** Calls on their own route, so tests sharing the database never see each other's calls. */
    static List<CallRecord> calls(String route, Instant newest, int n) {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int status = i % 10 == 0 ? 503 : i % 7 == 0 ? 404 : 200;
            String consumer = i % 2 == 0 ? "c-even-" + route : null;
            records.add(new CallRecord(newest.minusSeconds(i * 5L).toEpochMilli(), "node-a", route + "-req-" + i,
                    route, "name-" + route, "svc-" + route, "svc-name-" + route, consumer,
                    consumer == null ? null : "even", consumer == null ? null : (i % 4 == 0 ? "gwk_AAAA" : "gwk_BBBB"),
                    i % 3 == 0 ? "POST" : "GET", "/orders/" + i, status, 1000L * (i + 1), 800L * (i + 1),
                    i, 2L * i, "10.0.0." + (i % 250), status == 503 ? "upstream_unavailable" : null, null, 0, null));
        }
        return records;
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    ResultActions ship(CallRecordBatch batch) throws Exception {
        return ship(gzip(JSON.write(batch)), "gzip");
    }

    ResultActions ship(byte[] body, String encoding) throws Exception {
        var request = post(ClusterProtocol.CALLS_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (encoding != null) {
            request.header(HttpHeaders.CONTENT_ENCODING, encoding);
        }
        return mvc.perform(request);
    }

    static String route() {
        return "r-" + UUID.randomUUID();
    }

    String logs(String query) throws Exception {
        return new AdminApi(mvc).get("/api/v1/logs?" + query).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    static long count(String sql) throws Exception {
        return AdminApi.longQuery(sql);
    }

    @Test
    void shippedCallsComeBackExactlyWithTheirFields() throws Exception {
        String route = route();
        Instant newest = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> records = calls(route, newest, 120);
        ship(new CallRecordBatch(UUID.randomUUID().toString(), "node-a", records)).andExpect(status().isNoContent());

        String body = logs("route=" + route + "&limit=500&from=" + newest.minusSeconds(3600) + "&to="
                + newest.plusSeconds(1));
        List<String> requestIds = JsonPath.read(body, "$.items[*].requestId");
        assertThat(requestIds).hasSize(120).doesNotHaveDuplicates();
        assertThat((Object) JsonPath.read(body, "$.nextCursor")).isNull();
        // Newest first.
        assertThat(requestIds.get(0)).isEqualTo(route + "-req-0");

        CallRecord r = records.get(10);
        new AdminApi(mvc).get("/api/v1/logs/" + r.requestId())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timestamp").value(Instant.ofEpochMilli(r.timestamp()).toString()))
                .andExpect(jsonPath("$.nodeId").value("node-a"))
                .andExpect(jsonPath("$.routeId").value(route))
                .andExpect(jsonPath("$.routeName").value("name-" + route))
                .andExpect(jsonPath("$.serviceId").value("svc-" + route))
                .andExpect(jsonPath("$.serviceName").value("svc-name-" + route))
                .andExpect(jsonPath("$.consumerId").value("c-even-" + route))
                .andExpect(jsonPath("$.consumerName").value("even"))
                .andExpect(jsonPath("$.keyPrefix").value("gwk_BBBB"))
                .andExpect(jsonPath("$.method").value("GET"))
                .andExpect(jsonPath("$.path").value("/orders/10"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.latencyMicros").value(11000))
                .andExpect(jsonPath("$.upstreamMicros").value(8800))
                .andExpect(jsonPath("$.bytesIn").value(10))
                .andExpect(jsonPath("$.bytesOut").value(20))
                .andExpect(jsonPath("$.clientIp").value("10.0.0.10"))
                .andExpect(jsonPath("$.errorCode").value("upstream_unavailable"));
        new AdminApi(mvc).get("/api/v1/logs/no-such-request-" + route)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void everyFilterSelectsExactlyTheMatchingCalls() throws Exception {
        String route = route();
        Instant newest = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> records = calls(route, newest, 100);
        // Uncompressed is accepted too.
        ship(JSON.write(new CallRecordBatch(UUID.randomUUID().toString(), "node-a", records)), null)
                .andExpect(status().isNoContent());
        String range = "&limit=500&from=" + newest.minusSeconds(3600) + "&to=" + newest.plusSeconds(1);

        assertFilter("route=name-" + route + range, records.size());
        assertFilter("service=svc-" + route + range, records.size());
        assertFilter("service=svc-name-" + route + range, records.size());
        long even = records.stream().filter(r -> r.consumerId() != null).count();
        assertFilter("route=" + route + "&consumer=c-even-" + route + range, even);
        assertFilter("consumer=c-even-" + route + range, even);
        assertFilter("route=" + route + "&keyPrefix=gwk_A" + range,
                records.stream().filter(r -> "gwk_AAAA".equals(r.keyPrefix())).count());
        assertFilter("route=" + route + "&status=404" + range,
                records.stream().filter(r -> r.status() == 404).count());
        assertFilter("route=" + route + "&status=5xx" + range,
                records.stream().filter(r -> r.status() >= 500).count());
        assertFilter("route=" + route + "&status=2xx&minLatencyMs=50" + range,
                records.stream().filter(r -> r.status() < 300 && r.latencyMicros() >= 50_000).count());
        assertFilter("route=" + route + "&requestId=" + route + "-req-42" + range, 1);
        // The time range filters too: the newest ten calls lie within 50 s of the newest.
        assertFilter("route=" + route + "&limit=500&from=" + newest.minusSeconds(47) + "&to=" + newest.plusSeconds(1),
                10);
        // Default range is the last hour, default limit 50.
        assertFilter("route=" + route, Math.min(50, records.size()));
    }

    private void assertFilter(String query, long expected) throws Exception {
        List<Object> items = JsonPath.read(logs(query), "$.items");
        assertThat(items).as(query).hasSize((int) expected);
    }

    @Test
    void pagingWithTheCursorVisitsEveryCallOnceNewestFirst() throws Exception {
        String route = route();
        Instant newest = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> records = new ArrayList<>(calls(route, newest, 53));
        // Calls sharing one timestamp must still page exactly once (the id breaks ties).
        records.addAll(calls(route, newest.minusSeconds(100), 1).stream()
                .map(r -> new CallRecord(r.timestamp(), r.nodeId(), "dup-" + UUID.randomUUID(), r.routeId(),
                        r.routeName(), r.serviceId(), r.serviceName(), null, null, null, "GET", "/", 200, 5, 1, 0, 0,
                        null, null, null, 0, null)).toList());
        for (int i = 0; i < 6; i++) {
            records.add(records.get(records.size() - 1));
        }
        ship(new CallRecordBatch(UUID.randomUUID().toString(), "node-a", records)).andExpect(status().isNoContent());

        Set<Long> seen = new HashSet<>();
        List<String> timestamps = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = logs("route=" + route + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            List<Number> ids = JsonPath.read(body, "$.items[*].id");
            ids.forEach(id -> assertThat(seen.add(id.longValue())).as("id %s seen twice", id).isTrue());
            timestamps.addAll(JsonPath.read(body, "$.items[*].timestamp"));
            cursor = JsonPath.read(body, "$.nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(records.size());
        assertThat(pages).isEqualTo((records.size() + 6) / 7);
        assertThat(timestamps.stream().map(Instant::parse).toList())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void aRepeatedBatchIsStoredOnce() throws Exception {
        String route = route();
        CallRecordBatch batch = new CallRecordBatch(UUID.randomUUID().toString(), "node-a",
                calls(route, Instant.now().minusSeconds(5), 20));
        ship(batch).andExpect(status().isNoContent());
        ship(batch).andExpect(status().isOk());
        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isEqualTo(20);
        assertThat(count("SELECT sum(count) FROM call_rollup_minute WHERE route_id = '" + route + "'")).isEqualTo(20);
        assertThat(count("SELECT records FROM call_log_batches WHERE batch_id = '" + batch.batchId() + "'"))
                .isEqualTo(20);
    }

    @Test
    void badBatchesAreRefusedWholeAndStoreNothing() throws Exception {
        String route = route();
        String batchId = UUID.randomUUID().toString();
        List<CallRecord> good = calls(route, Instant.now().minusSeconds(5), 5);

        ship("{not json".getBytes(), null).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("malformed_json"));
        ship("definitely not gzip".getBytes(), "gzip").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_json"));
        ship(new byte[0], null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_json"));
        ship(gzip(new byte[11 * 1024 * 1024]), "gzip").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("too_large"));
        ship(JSON.write(new CallRecordBatch(batchId, "node-a", good)), "br").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("unsupported_encoding"));

        List<CallRecord> oneBad = new ArrayList<>(good);
        CallRecord r = good.get(0);
        oneBad.add(new CallRecord(r.timestamp(), r.nodeId(), r.requestId(), route, null, null, null, null, null,
                null, "GET", "/", 42, -1, -1, 0, 0, null, null, null, 0, null));
        ship(new CallRecordBatch(batchId, "node-a", oneBad)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("records[5].status"))
                .andExpect(jsonPath("$.errors[1].field").value("records[5].latencyMicros"));
        ship(new CallRecordBatch(null, "node-a", good)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("batchId"));

        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isZero();
        assertThat(count("SELECT count(*) FROM call_rollup_minute WHERE route_id = '" + route + "'")).isZero();
        assertThat(count("SELECT count(*) FROM call_log_batches WHERE batch_id = '" + batchId + "'")).isZero();
        // The refused batch id is still free: the corrected batch is stored.
        ship(new CallRecordBatch(batchId, "node-a", good)).andExpect(status().isNoContent());
        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isEqualTo(5);
    }

    @Test
    void onlyNodesMayShip() throws Exception {
        mvc.perform(post(ClusterProtocol.CALLS_PATH).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post(ClusterProtocol.CALLS_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void badQueryParametersAreFieldErrors() throws Exception {
        AdminApi api = new AdminApi(mvc);
        api.get("/api/v1/logs?from=yesterday").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        api.get("/api/v1/logs?to=2026-13-01T00:00:00Z").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        api.get("/api/v1/logs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
        api.get("/api/v1/logs?limit=501").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        api.get("/api/v1/logs?limit=0").andExpect(status().isBadRequest());
        api.get("/api/v1/logs?status=6xx").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        api.get("/api/v1/logs?minLatencyMs=fast").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("minLatencyMs"));
        api.get("/api/v1/logs?cursor=bogus").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        api.get("/api/v1/logs?from=x&limit=x").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2));
        api.get("/api/v1/metrics/traffic?step=7s").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("step"));
        api.get("/api/v1/metrics/traffic?step=1m&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("step"));
        api.get("/api/v1/metrics/top?limit=1000").andExpect(status().isBadRequest());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/logs"))
                .andExpect(status().isUnauthorized());
    }

    /** A seeded mix of latencies, 1 ms to 2 s, over three minutes. */
    static List<CallRecord> latencyMix(String route, Instant start, int n) {
        Random random = new Random(7);
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long latency = (long) Math.exp(Math.log(1_000) + random.nextDouble() * Math.log(2_000));
            int status = random.nextInt(20) == 0 ? 500 : random.nextInt(10) == 0 ? 404 : 200;
            records.add(new CallRecord(start.plusMillis(random.nextInt(180_000)).toEpochMilli(), "node-a",
                    route + "-" + i, route, "mix", "svc", "svc", i % 3 == 0 ? "c1-" + route : null, null, null,
                    "GET", "/", status, latency, latency / 2, 10, 100, null, null, null, 0, null));
        }
        return records;
    }
}
