package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.Scrape;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ClusterProtocol;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Ingestion shows in {@code gatehouse_admin_calllog_*}: records and batches stored, batches refused, lag. */
@AdminIntegrationTest
class CallIngestMetricsIntegrationTests {

    private static final String RECORDS = "gatehouse_admin_calllog_ingested_records_total";
    private static final String BATCHES = "gatehouse_admin_calllog_ingested_batches_total";
    private static final String REFUSED = "gatehouse_admin_calllog_refused_batches_total";
    private static final String LAG = "gatehouse_admin_calllog_ingest_lag_seconds";

    @Autowired
    MockMvc mvc;

    private ResultActions ship(CallRecordBatch batch) throws Exception {
        return ship(CallLogIntegrationTests.gzip(CallLogIntegrationTests.JSON.write(batch)), "gzip");
    }

    private ResultActions ship(byte[] body, String encoding) throws Exception {
        return mvc.perform(post(ClusterProtocol.CALLS_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .header(HttpHeaders.CONTENT_ENCODING, encoding)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void storedBatchesCountTheirRecordsOnceAndSetTheLag() throws Exception {
        Scrape before = Scrape.admin(mvc);
        CallRecordBatch batch = new CallRecordBatch(UUID.randomUUID().toString(), "node-a",
                CallLogIntegrationTests.calls(CallLogIntegrationTests.route(), Instant.now(), 3));
        ship(batch).andExpect(status().isNoContent());
        ship(batch).andExpect(status().isOk());

        Scrape after = Scrape.admin(mvc);
        assertThat(after.value(RECORDS) - before.value(RECORDS)).isEqualTo(3);
        assertThat(after.value(BATCHES) - before.value(BATCHES)).isEqualTo(1);
        // the newest record stored is at most as old as this one, stamped moments ago
        assertThat(after.value(LAG)).isBetween(0.0, 60.0);
    }

    @Test
    void refusedBatchesAreCountedByCode() throws Exception {
        Scrape before = Scrape.admin(mvc);
        assertThat(before.has(REFUSED)).isTrue();
        ship("definitely not gzip".getBytes(), "gzip").andExpect(status().isBadRequest());
        ship(CallLogIntegrationTests.gzip("[1,2".getBytes()), "gzip").andExpect(status().isBadRequest());

        Scrape after = Scrape.admin(mvc);
        double refusedBefore = before.value(REFUSED, "code", "malformed_json");
        assertThat(after.value(REFUSED, "code", "malformed_json") - refusedBefore).isEqualTo(2);
        assertThat(after.value(RECORDS)).isEqualTo(before.value(RECORDS));
    }
}
