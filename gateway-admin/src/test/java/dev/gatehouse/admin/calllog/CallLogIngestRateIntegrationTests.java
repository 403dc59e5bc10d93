package dev.gatehouse.admin.calllog;

import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.JSON;
import static dev.gatehouse.admin.calllog.CallLogIntegrationTests.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Measures ingestion through the whole endpoint (gunzip, parse, validate, COPY, roll-ups, commit) and prints a
 * {@code CALLLOG_INGEST} line; asserts only that everything was stored.
 */
@AdminIntegrationTest
class CallLogIngestRateIntegrationTests {

    private static final int BATCHES = 10;
    private static final int PER_BATCH = 5_000;

    @Autowired
    MockMvc mvc;

    @Test
    void ingestsFiftyThousandCallsAndReportsTheRate() throws Exception {
        String route = "rate-" + UUID.randomUUID();
        List<byte[]> bodies = new ArrayList<>();
        Instant now = Instant.now().minusSeconds(5);
        for (int b = 0; b < BATCHES; b++) {
            List<CallRecord> records = new ArrayList<>(PER_BATCH);
            for (int i = 0; i < PER_BATCH; i++) {
                int n = b * PER_BATCH + i;
                records.add(new CallRecord(now.minusMillis(n * 7L).toEpochMilli(), "node-a",
                        UUID.randomUUID().toString(), route, "orders", "svc-" + (n % 5), "orders-svc",
                        "c-" + (n % 50), "consumer-" + (n % 50), "gwk_" + (n % 50), "GET", "/shop/orders/" + n,
                        n % 20 == 0 ? 502 : 200, 300 + (n * 37L) % 80_000, 200 + (n * 31L) % 70_000, 120, 2_048,
                        "10.1." + (n % 200) + "." + (n % 250), n % 20 == 0 ? "upstream_unavailable" : null, null, 0, null));
            }
            bodies.add(gzip(JSON.write(new CallRecordBatch(UUID.randomUUID().toString(), "node-a", records))));
        }
        long started = System.nanoTime();
        for (byte[] body : bodies) {
            mvc.perform(post(ClusterProtocol.CALLS_PATH)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                            .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isNoContent());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = BATCHES * PER_BATCH;
        System.out.printf("CALLLOG_INGEST records=%d batches=%d seconds=%.2f rate=%.0f/s%n", total, BATCHES, seconds,
                total / seconds);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'"))
                .isEqualTo(total);
        assertThat(AdminApi.longQuery("SELECT sum(count) FROM call_rollup_minute WHERE route_id = '" + route + "'"))
                .isEqualTo(total);
    }
}
