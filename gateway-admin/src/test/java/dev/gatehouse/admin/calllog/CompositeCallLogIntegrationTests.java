package dev.gatehouse.admin.calllog;

import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.JSON;
import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.gzip;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Composite calls in the call logs: one record for the client's call plus one per step, shipped by a node,
 * stored whole or refused whole, listed and counted once, and shown with their steps in the detail.
 */
@AdminIntegrationTest
class CompositeCallLogIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CallLogService logs;

    /**
     * A composite call on {@code route} answered 200 in 40 ms, and its three steps on their own services: product
     * (0–10 ms), prices (10–30 ms, from 10 ms) and stock (12–37 ms, answered 503 and not required). Step
     * timestamps are the call's own or its arrival plus the step's start, as a node may write either.
     */
    static List<CallRecord> composite(String route, String requestId, Instant at) {
        long ts = at.toEpochMilli();
        String consumer = "cons-" + route;
        return List.of(
                new CallRecord(ts, "node-a", requestId, route, "name-" + route, "svc-edge-" + route, "edge",
                        consumer, "acme", "gwk_Comp", "GET", "/catalogue/7", 200, 40_000, 36_000, 0, 900,
                        "10.0.0.9", null, null, 0, null),
                new CallRecord(ts + 12, "node-a", requestId, route, "name-" + route, "svc-stock-" + route, "stock",
                        consumer, "acme", "gwk_Comp", "GET", "/stock/7", 503, 25_000, 24_000, 0, 50,
                        "10.0.0.9", "upstream_unavailable", "stock", 12_000, null),
                new CallRecord(ts, "node-a", requestId, route, "name-" + route, "svc-product-" + route, "product",
                        consumer, "acme", "gwk_Comp", "GET", "/products/7", 200, 10_000, 9_000, 0, 400,
                        "10.0.0.9", null, "product", 0, null),
                new CallRecord(ts + 10, "node-a", requestId, route, "name-" + route, "svc-prices-" + route,
                        "prices", consumer, "acme", "gwk_Comp", "POST", "/prices/query", 200, 20_000, 19_500, 64,
                        300, "10.0.0.9", null, "prices", 10_000, null));
    }

    ResultActions ship(List<CallRecord> records) throws Exception {
        return ship(UUID.randomUUID().toString(), records);
    }

    ResultActions ship(String batchId, List<CallRecord> records) throws Exception {
        return mvc.perform(post(ClusterProtocol.CALLS_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(MediaType.APPLICATION_JSON)
                .content(gzip(JSON.write(new CallRecordBatch(batchId, "node-a", records)))));
    }

    static String route() {
        return "comp-" + UUID.randomUUID();
    }

    static long count(String sql) throws Exception {
        return AdminApi.longQuery(sql);
    }

    @Test
    void theDetailListsTheStepsByStartWithTheirOwnFields() throws Exception {
        String route = route();
        Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        ship(composite(route, route + "-req", at)).andExpect(status().isNoContent());
        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isEqualTo(4);

        new AdminApi(mvc).get("/api/v1/logs/" + route + "-req")
                .andExpect(status().isOk())
                // The call's own fields, at the top level as before ...
                .andExpect(jsonPath("$.requestId").value(route + "-req"))
                .andExpect(jsonPath("$.path").value("/catalogue/7"))
                .andExpect(jsonPath("$.serviceName").value("edge"))
                .andExpect(jsonPath("$.status").value(200))
                .andExpect(jsonPath("$.latencyMicros").value(40_000))
                .andExpect(jsonPath("$.composite").value(true))
                .andExpect(jsonPath("$.stepCount").value(3))
                // ... and its steps, by start.
                .andExpect(jsonPath("$.steps.length()").value(3))
                .andExpect(jsonPath("$.steps[*].name").value(org.hamcrest.Matchers.contains("product", "prices",
                        "stock")))
                .andExpect(jsonPath("$.steps[1].serviceId").value("svc-prices-" + route))
                .andExpect(jsonPath("$.steps[1].serviceName").value("prices"))
                .andExpect(jsonPath("$.steps[1].method").value("POST"))
                .andExpect(jsonPath("$.steps[1].path").value("/prices/query"))
                .andExpect(jsonPath("$.steps[1].status").value(200))
                .andExpect(jsonPath("$.steps[1].startMicros").value(10_000))
                .andExpect(jsonPath("$.steps[1].latencyMicros").value(20_000))
                .andExpect(jsonPath("$.steps[1].upstreamMicros").value(19_500))
                .andExpect(jsonPath("$.steps[1].bytesIn").value(64))
                .andExpect(jsonPath("$.steps[1].bytesOut").value(300))
                .andExpect(jsonPath("$.steps[1].errorCode").doesNotExist())
                .andExpect(jsonPath("$.steps[2].status").value(503))
                .andExpect(jsonPath("$.steps[2].errorCode").value("upstream_unavailable"));

        // An ordinary call has no steps.
        String plain = route();
        ship(CallLogIntegrationTests.calls(plain, at, 1)).andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/logs/" + plain + "-req-0")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.composite").value(false))
                .andExpect(jsonPath("$.stepCount").value(0))
                .andExpect(jsonPath("$.steps.length()").value(0));
    }

    @Test
    void aCompositeCallIsListedOnceAndNoFilterFindsItsSteps() throws Exception {
        String route = route();
        Instant at = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        ship(composite(route, route + "-req", at)).andExpect(status().isNoContent());
        String range = "&limit=500&from=" + at.minusSeconds(600) + "&to=" + at.plusSeconds(1);

        String body = new AdminApi(mvc).get("/api/v1/logs?route=" + route + range).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(body, "$.items[*].path")).containsExactly("/catalogue/7");
        assertThat(JsonPath.<List<Integer>>read(body, "$.items[*].stepCount")).containsExactly(3);
        assertThat(JsonPath.<List<Boolean>>read(body, "$.items[*].composite")).containsExactly(true);
        assertThat(JsonPath.<java.util.Map<String, Object>>read(body, "$.items[0]")).as("no steps in the list")
                .doesNotContainKey("steps");

        // Filters see the client's call only: the steps' services, statuses and latencies are not calls.
        for (String filter : List.of("requestId=" + route + "-req", "consumer=cons-" + route,
                "keyPrefix=gwk_Comp&route=" + route, "service=svc-edge-" + route)) {
            assertThat(JsonPath.<List<Object>>read(new AdminApi(mvc).get("/api/v1/logs?" + filter + range)
                    .andReturn().getResponse().getContentAsString(), "$.items")).as(filter).hasSize(1);
        }
        for (String filter : List.of("service=svc-stock-" + route, "service=svc-product-" + route,
                "route=" + route + "&status=5xx", "route=" + route + "&status=503")) {
            assertThat(JsonPath.<List<Object>>read(new AdminApi(mvc).get("/api/v1/logs?" + filter + range)
                    .andReturn().getResponse().getContentAsString(), "$.items")).as(filter).isEmpty();
        }
    }

    @Test
    void aCompositeCallCountsOnceInRollUpsDashboardsAndQuotaUsage() throws Exception {
        String route = route();
        Instant at = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
        ship(composite(route, route + "-req", at)).andExpect(status().isNoContent());

        assertThat(count("SELECT sum(count) FROM call_rollup_minute WHERE route_id = '" + route + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT sum(errors) FROM call_rollup_minute WHERE route_id = '" + route + "'")).isZero();
        // The steps' services see no client traffic of this route.
        assertThat(count("SELECT count(*) FROM call_rollup_minute WHERE service_id LIKE 'svc-%-" + route + "'"
                + " AND service_id <> 'svc-edge-" + route + "'")).isZero();
        // Quota usage: one call of the consumer.
        assertThat(count("SELECT sum(calls) FROM call_usage_day WHERE consumer_id = 'cons-" + route + "'"))
                .isEqualTo(1);

        Instant from = at.minus(Duration.ofMinutes(10));
        Instant to = Instant.now().plusSeconds(1);
        TrafficSeries series = logs.traffic(from, to, Duration.ofMinutes(1), "1m", route, null, null);
        assertThat(series.points().stream().mapToLong(TrafficSeries.Point::requests).sum()).isEqualTo(1);
        assertThat(series.points().stream().mapToLong(TrafficSeries.Point::errors).sum()).isZero();
        assertThat(logs.latency(from, to, route, null, null).total()).isEqualTo(1);
        TopTraffic top = logs.top(from, to, 5, route, null, null);
        assertThat(top.routes()).extracting(TopTraffic.Entry::requests).containsExactly(1L);
        assertThat(top.consumers()).extracting(TopTraffic.Entry::requests).containsExactly(1L);
        assertThat(top.errors()).as("the failed optional step is not a client error").isEmpty();
        new AdminApi(mvc).get("/api/v1/metrics/top?from=" + from + "&to=" + to + "&limit=100")
                .andExpect(status().isOk());
    }

    @Test
    void theLiveTailSendsTheCallOnceWithItsStepCount() throws Exception {
        String route = route();
        Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        ship(composite(route, route + "-req", at)).andExpect(status().isNoContent());
        CallLogFilter filter = new CallLogFilter(route, null, null, null, null, 0, null, null);
        long head = logs.ingestHead();

        List<CallLogEntry> recent = logs.recent(at.minusSeconds(60), head, filter, 100);
        assertThat(recent).extracting(CallLogEntry::path, CallLogEntry::stepCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/catalogue/7", 3));
        List<CallLogService.TailedCall> tailed = logs.ingestedAfter(new TailCursor(Math.max(0, head - 50), 0),
                head, filter, 500);
        assertThat(tailed).extracting(t -> t.call().path()).containsExactly("/catalogue/7");
        assertThat(tailed.get(0).call().stepCount()).isEqualTo(3);
    }

    @Test
    void stepsShippedInALaterBatchJoinTheirCall() throws Exception {
        String route = route();
        Instant at = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> records = composite(route, route + "-req", at);
        ship(records.subList(0, 2)).andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/logs/" + route + "-req").andExpect(jsonPath("$.stepCount").value(1));
        ship(records.subList(2, 4)).andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/logs/" + route + "-req")
                .andExpect(jsonPath("$.stepCount").value(3))
                .andExpect(jsonPath("$.steps.length()").value(3));
        assertThat(count("SELECT sum(count) FROM call_rollup_minute WHERE route_id = '" + route + "'"))
                .isEqualTo(1);
    }

    @Test
    void aReusedRequestIdDoesNotMixTwoCallsSteps() throws Exception {
        String route = route();
        String requestId = route + "-req";
        Instant first = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        ship(composite(route, requestId, first)).andExpect(status().isNoContent());
        // The same client sends the same id again a minute later, and this time only two steps ran.
        List<CallRecord> again = new ArrayList<>(composite(route, requestId, first.plusSeconds(60)));
        again.remove(1);
        ship(again).andExpect(status().isNoContent());

        new AdminApi(mvc).get("/api/v1/logs/" + requestId)
                .andExpect(jsonPath("$.timestamp").value(first.plusSeconds(60).toString()))
                .andExpect(jsonPath("$.stepCount").value(2))
                .andExpect(jsonPath("$.steps[*].name").value(org.hamcrest.Matchers.contains("product", "prices")));
        String body = new AdminApi(mvc).get("/api/v1/logs?route=" + route + "&from=" + first.minusSeconds(60))
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<Integer>>read(body, "$.items[*].stepCount")).containsExactly(2, 3);
        // Step records alone are not a call: no detail until the call's own record arrives.
        String orphan = route();
        ship(composite(orphan, orphan + "-req", first).subList(1, 4)).andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/logs/" + orphan + "-req").andExpect(status().isNotFound());
    }

    @Test
    void aBatchWithABadStepIsRefusedWholeNamingTheField() throws Exception {
        String route = route();
        String batchId = UUID.randomUUID().toString();
        Instant at = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        List<CallRecord> records = new ArrayList<>(composite(route, route + "-req", at));
        CallRecord good = records.get(3);
        records.set(3, new CallRecord(good.timestamp(), good.nodeId(), good.requestId(), good.routeId(),
                good.routeName(), good.serviceId(), good.serviceName(), good.consumerId(), good.consumerName(),
                good.keyPrefix(), good.method(), good.path(), good.status(), good.latencyMicros(),
                good.upstreamMicros(), good.bytesIn(), good.bytesOut(), good.clientIp(), good.errorCode(),
                "Prices!", -5, null));
        CallRecord call = records.get(0);
        records.set(0, new CallRecord(call.timestamp(), call.nodeId(), call.requestId(), call.routeId(),
                call.routeName(), call.serviceId(), call.serviceName(), call.consumerId(), call.consumerName(),
                call.keyPrefix(), call.method(), call.path(), call.status(), call.latencyMicros(),
                call.upstreamMicros(), call.bytesIn(), call.bytesOut(), call.clientIp(), call.errorCode(), null, 7, null));

        ship(batchId, records).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("records[0].stepStartMicros"))
                .andExpect(jsonPath("$.errors[1].field").value("records[3].step"))
                .andExpect(jsonPath("$.errors[2].field").value("records[3].stepStartMicros"))
                .andExpect(jsonPath("$.errors.length()").value(3));

        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isZero();
        assertThat(count("SELECT count(*) FROM call_rollup_minute WHERE route_id = '" + route + "'")).isZero();
        assertThat(count("SELECT count(*) FROM call_usage_day WHERE consumer_id = 'cons-" + route + "'")).isZero();
        assertThat(count("SELECT count(*) FROM call_log_batches WHERE batch_id = '" + batchId + "'")).isZero();
        // Corrected, the same batch id is stored.
        ship(batchId, composite(route, route + "-req", at)).andExpect(status().isNoContent());
        assertThat(count("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isEqualTo(4);
    }
}
