package dev.gatehouse.admin.calllog;

import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.JSON;
import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Minute roll-ups, percentiles, traffic series, retention and node call-log health. */
@AdminIntegrationTest
class CallRollupIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CallLogService logs;

    @Autowired
    CallLogRetention retention;

    @Autowired
    CallLogPartitions partitions;

    void ship(List<CallRecord> records) throws Exception {
        mvc.perform(post(ClusterProtocol.CALLS_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(gzip(JSON.write(new CallRecordBatch(UUID.randomUUID().toString(), "node-a",
                                records)))))
                .andExpect(status().isNoContent());
    }

    @Test
    void rollUpsCountExactlyWhatTheRawRowsHold() throws Exception {
        String route = "r-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        List<CallRecord> records = CallLogIntegrationTests.latencyMix(route, start, 3000);
        // Two batches, so some roll-up rows are updated rather than inserted.
        ship(records.subList(0, 1700));
        ship(records.subList(1700, 3000));

        Map<String, long[]> raw = rows("SELECT date_trunc('minute', ts)::text || '/' || (status / 100)::text,"
                + " count(*), count(*) FILTER (WHERE status >= 500), sum(bytes_out), sum(latency_us)"
                + " FROM call_log WHERE route_id = '" + route + "' GROUP BY 1");
        Map<String, long[]> rolled = rows("SELECT minute::text || '/' || status_class::text, sum(count),"
                + " sum(errors), sum(bytes_out), sum(latency_sum_us)"
                + " FROM call_rollup_minute WHERE route_id = '" + route + "' GROUP BY 1");
        assertThat(rolled.keySet()).isEqualTo(raw.keySet());
        raw.forEach((key, values) -> assertThat(rolled.get(key)).as(key).containsExactly(values));
        assertThat(AdminApi.longQuery("SELECT sum(count) FROM call_rollup_minute WHERE route_id = '" + route + "'"))
                .isEqualTo(3000);
        assertThat(AdminApi.longQuery("SELECT sum(x) FROM call_rollup_minute, unnest(latency_buckets) x"
                + " WHERE route_id = '" + route + "'")).isEqualTo(3000);
    }

    @Test
    void percentilesFromRollUpsAreWithinOneBucketOfExact() throws Exception {
        String route = "r-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
        List<CallRecord> records = CallLogIntegrationTests.latencyMix(route, start, 2500);
        ship(records.subList(0, 1000));
        ship(records.subList(1000, 2500));

        LatencyHistogram merged = logs.latency(start, start.plus(Duration.ofMinutes(4)), route, null, null);
        assertThat(merged.total()).isEqualTo(2500);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            long exact = AdminApi.longQuery("SELECT percentile_disc(" + q + ") WITHIN GROUP (ORDER BY latency_us)"
                    + " FROM call_log WHERE route_id = '" + route + "'");
            long estimate = merged.percentileMicros(q);
            assertThat(LatencyHistogram.bucketOf(estimate) - LatencyHistogram.bucketOf(exact))
                    .as("q=%s exact=%d estimate=%d", q, exact, estimate).isBetween(0, 1);
            assertThat(estimate).isGreaterThanOrEqualTo(exact);
        }
    }

    @Test
    void trafficSeriesHasOnePointPerStep() throws Exception {
        String route = "r-" + UUID.randomUUID();
        // Aligned to ten minutes, so the ten-minute window never crosses an hour (the 1h step asserts one point);
        // five-minute alignment failed whenever the test ran between :25 and :30 past an hour.
        long tenMinutes = 600;
        Instant base = Instant.ofEpochSecond(
                Math.floorDiv(Instant.now().minus(Duration.ofMinutes(30)).getEpochSecond(), tenMinutes) * tenMinutes);
        List<CallRecord> records = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            for (int i = 0; i <= minute; i++) {
                records.add(new CallRecord(base.plusSeconds(minute * 60L + 10 + i).toEpochMilli(), "node-a",
                        route + "-" + minute + "-" + i, route, "traffic", "svc", "svc", null, null, null, "GET", "/",
                        i == 0 ? 502 : 200, 2_000L * (minute + 1), 1_000, 0, 0, null, null, null, 0, null));
            }
        }
        ship(records);
        String range = "&route=" + route + "&from=" + base + "&to=" + base.plus(Duration.ofMinutes(10));

        String fiveMin = new AdminApi(mvc).get("/api/v1/metrics/traffic?step=5m" + range)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.step").value("5m"))
                .andExpect(jsonPath("$.from").value(base.toString()))
                .andExpect(jsonPath("$.points.length()").value(2))
                .andExpect(jsonPath("$.points[0].t").value(base.toString()))
                .andExpect(jsonPath("$.points[0].requests").value(1 + 2 + 3 + 4 + 5))
                .andExpect(jsonPath("$.points[0].errors").value(5))
                .andExpect(jsonPath("$.points[1].t").value(base.plusSeconds(300).toString()))
                .andExpect(jsonPath("$.points[1].requests").value(6 + 7 + 8 + 9 + 10))
                .andReturn().getResponse().getContentAsString();
        double p50 = ((Number) JsonPath.read(fiveMin, "$.points[0].p50Ms")).doubleValue();
        double p99 = ((Number) JsonPath.read(fiveMin, "$.points[1].p99Ms")).doubleValue();
        // Exact: p50 of the first five minutes is 8 ms, p99 of the second is 20 ms.
        assertThat(LatencyHistogram.bucketOf((long) (p50 * 1000))).isEqualTo(LatencyHistogram.bucketOf(8_000));
        assertThat(LatencyHistogram.bucketOf((long) (p99 * 1000))).isEqualTo(LatencyHistogram.bucketOf(20_000));

        new AdminApi(mvc).get("/api/v1/metrics/traffic?step=60s" + range)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.points.length()").value(10))
                .andExpect(jsonPath("$.points[3].requests").value(4))
                .andExpect(jsonPath("$.points[3].errors").value(1))
                .andExpect(jsonPath("$.points[9].requests").value(10));
        new AdminApi(mvc).get("/api/v1/metrics/traffic?step=1h&route=" + route + "&from=" + base
                        + "&to=" + base.plus(Duration.ofMinutes(10)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.points.length()").value(1))
                .andExpect(jsonPath("$.points[0].requests").value(55));
        // A step without calls has zero requests and no percentiles.
        new AdminApi(mvc).get("/api/v1/metrics/traffic?step=5m&route=" + route + "&from="
                        + base.minusSeconds(600) + "&to=" + base)
                .andExpect(jsonPath("$.points.length()").value(2))
                .andExpect(jsonPath("$.points[0].requests").value(0))
                .andExpect(jsonPath("$.points[0].p50Ms").doesNotExist());

        TopTraffic top = logs.top(base, base.plus(Duration.ofMinutes(10)), 100);
        assertThat(top.routes()).anySatisfy(e -> {
            assertThat(e.id()).isEqualTo(route);
            assertThat(e.requests()).isEqualTo(55);
            assertThat(e.errors()).isEqualTo(10);
        });
        assertThat(top.errors()).anySatisfy(e -> {
            assertThat(e.routeId()).isEqualTo(route);
            assertThat(e.statusClass()).isEqualTo("5xx");
            assertThat(e.count()).isEqualTo(10);
        });
    }

    @Test
    void retentionDropsWholeOldDaysAndNothingElse() throws Exception {
        String route = "r-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant old20 = now.minus(Duration.ofDays(20));
        Instant old30 = now.minus(Duration.ofDays(30));
        Instant recent = now.minus(Duration.ofDays(3));
        List<CallRecord> records = new ArrayList<>();
        for (Instant at : List.of(old20, old30, recent, now.minusSeconds(30))) {
            records.addAll(CallLogIntegrationTests.calls(route, at, 3));
        }
        ship(records);
        LocalDate day20 = LocalDate.ofInstant(old20, ZoneOffset.UTC);
        LocalDate day30 = LocalDate.ofInstant(old30, ZoneOffset.UTC);
        LocalDate dayRecent = LocalDate.ofInstant(recent, ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        assertThat(partitions.days()).contains(day20, day30, dayRecent, today, today.plusDays(1), today.plusDays(2));
        String oldBatch = "old-" + UUID.randomUUID();
        try (Connection c = TestDatabase.get().open(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO call_log_batches (batch_id, node_id, received_at, records) VALUES (?, 'n', ?, 0)")) {
            ps.setString(1, oldBatch);
            ps.setObject(2, old20.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        long rollupsBefore = AdminApi.longQuery("SELECT count(*) FROM call_rollup_minute WHERE route_id = '"
                + route + "'");

        List<LocalDate> dropped = retention.run(now);

        assertThat(dropped).contains(day20, day30).doesNotContain(dayRecent, today);
        assertThat(partitions.days()).doesNotContain(day20, day30)
                .contains(dayRecent, today, today.plusDays(1), today.plusDays(2));
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isEqualTo(6);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_log_batches WHERE batch_id = '" + oldBatch + "'"))
                .isZero();
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_log_batches WHERE received_at > now() - interval '1 hour'"))
                .isPositive();
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_rollup_minute WHERE route_id = '" + route + "'"))
                .isEqualTo(rollupsBefore);

        // A fixed clock a day later than the cutoff of the recent day drops it too, and only then.
        Instant later = dayRecent.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(14));
        assertThat(retention.run(later.minusSeconds(1))).doesNotContain(dayRecent);
        assertThat(partitions.days()).contains(dayRecent);
    }

    @Test
    void heartbeatsReportCallLogHealthOnTheNodeList() throws Exception {
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"nodeId": "%s", "appliedRevision": 1, "callLog": {"bufferedRecords": 12,
                                 "bufferCapacity": 10000, "spooledBatches": 3, "spooledBytes": 4096,
                                 "spoolCapacity": 1048576, "droppedRecords": 7, "shippedRecords": 99}}
                                """.formatted(node)))
                .andExpect(status().isNoContent());
        String path = "$[?(@.id == '%s')].callLog.".formatted(node);
        new AdminApi(mvc).get("/api/v1/nodes").andExpect(status().isOk())
                .andExpect(jsonPath(path + "bufferedRecords").value(12))
                .andExpect(jsonPath(path + "bufferCapacity").value(10000))
                .andExpect(jsonPath(path + "spooledBatches").value(3))
                .andExpect(jsonPath(path + "spooledBytes").value(4096))
                .andExpect(jsonPath(path + "spoolCapacity").value(1048576))
                .andExpect(jsonPath(path + "droppedRecords").value(7))
                .andExpect(jsonPath(path + "shippedRecords").value(99));

        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nodeId\": \"%s\", \"appliedRevision\": 1, \"callLog\": {\"droppedRecords\": -1}}"
                                .formatted(node)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("callLog"));
        // A node that does not ship call logs shows none.
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nodeId\": \"%s\", \"appliedRevision\": 1}".formatted(node)))
                .andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(jsonPath("$[?(@.id == '%s')].callLog".formatted(node)).value(
                        org.hamcrest.Matchers.contains((Object) null)));
    }

    private static Map<String, long[]> rows(String sql) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = TestDatabase.get().open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                long[] values = new long[columns - 1];
                for (int i = 2; i <= columns; i++) {
                    values[i - 2] = rs.getLong(i);
                }
                out.put(rs.getString(1), values);
            }
        }
        return out;
    }
}
