package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigJson;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** Ships calls the way a node does: gzip JSON batches to {@code POST /cluster/v1/calls} with the cluster token. */
final class CallShipper {

    private static final ConfigJson JSON = new ConfigJson();

    private final MockMvc mvc;

    CallShipper(WebApplicationContext context) {
        this.mvc = ConsoleClient.mockMvc(context);
    }

    /**
     * {@code n} calls on their own route (so tests sharing the database never see each other's), one every
     * 5 seconds back from {@code newest}: every 10th answered 503, every 7th 404, latency (i + 1) ms, request
     * ids {@code route-req-i}.
     */
    static List<CallRecord> calls(String route, Instant newest, int n) {
        return calls(route, newest, n, 5);
    }

    /** As {@link #calls(String, Instant, int)}, one call every {@code spacingSeconds}. */
    static List<CallRecord> calls(String route, Instant newest, int n, int spacingSeconds) {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int status = i % 10 == 0 ? 503 : i % 7 == 0 ? 404 : 200;
            records.add(new CallRecord(newest.minusSeconds((long) i * spacingSeconds).toEpochMilli(), "node-console", route + "-req-" + i,
                    route, "name-" + route, "svc-" + route, "svc-name-" + route, "cons-" + route, "acme",
                    "gwk_Ab" + (i % 2), i % 3 == 0 ? "POST" : "GET", "/orders/" + i, status, 1000L * (i + 1),
                    status == 503 ? -1 : 800L * (i + 1), i, 2L * i, "10.0.0." + (i % 250),
                    status == 503 ? "upstream_unavailable" : null, null, 0, null));
        }
        return records;
    }

    void ship(List<CallRecord> records) throws Exception {
        assertThat(ship(UUID.randomUUID().toString(), records)).as("stored").isEqualTo(204);
    }

    /** Ships one batch with the given id; the status the admin answered (204 stored, 200 stored before). */
    int ship(String batchId, List<CallRecord> records) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(JSON.write(new CallRecordBatch(batchId, "node-console", records)));
        }
        return mvc.perform(post(ClusterProtocol.CALLS_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                        .contentType(MediaType.APPLICATION_JSON).content(out.toByteArray()))
                .andReturn().getResponse().getStatus();
    }

    /** The same calls (request ids unchanged) as if they had matched the given route. */
    static List<CallRecord> onRoute(String route, List<CallRecord> records) {
        return records.stream().map(r -> new CallRecord(r.timestamp(), r.nodeId(), r.requestId(), route,
                "name-" + route, r.serviceId(), r.serviceName(), r.consumerId(), r.consumerName(), r.keyPrefix(),
                r.method(), r.path(), r.status(), r.latencyMicros(), r.upstreamMicros(), r.bytesIn(), r.bytesOut(),
                r.clientIp(), r.errorCode(), null, 0, null)).toList();
    }

    /**
     * A composite call on its own route (request id {@code route-composite}) answered 200 in 40 ms at {@code at},
     * and its three steps: product (0–10 ms), prices (10–30 ms) and stock (12–37 ms, 503, the one that failed).
     */
    static List<CallRecord> composite(String route, Instant at) {
        long ts = at.toEpochMilli();
        String id = route + "-composite";
        return List.of(
                new CallRecord(ts, "node-console", id, route, "name-" + route, "svc-" + route, "svc-name-" + route,
                        "cons-" + route, "acme", "gwk_Ab0", "GET", "/catalogue/7", 200, 40_000, 36_000, 0, 900,
                        "10.0.0.9", null, null, 0, null),
                new CallRecord(ts, "node-console", id, route, "name-" + route, "svc-product", "product",
                        "cons-" + route, "acme", "gwk_Ab0", "GET", "/products/7", 200, 10_000, 9_000, 0, 400,
                        "10.0.0.9", null, "product", 0, null),
                new CallRecord(ts, "node-console", id, route, "name-" + route, "svc-prices", "prices",
                        "cons-" + route, "acme", "gwk_Ab0", "POST", "/prices/query", 200, 20_000, 19_000, 64, 300,
                        "10.0.0.9", null, "prices", 10_000, null),
                new CallRecord(ts, "node-console", id, route, "name-" + route, "svc-stock", "stock",
                        "cons-" + route, "acme", "gwk_Ab0", "GET", "/stock/7", 503, 25_000, 24_000, 0, 50,
                        "10.0.0.9", "upstream_unavailable", "stock", 12_000, null));
    }

    static String route() {
        return ConsoleClient.unique("logs-route");
    }
}
