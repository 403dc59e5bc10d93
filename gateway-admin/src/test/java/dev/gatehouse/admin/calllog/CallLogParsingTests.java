package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.Test;

class CallLogParsingTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void retentionIsReadFromTheEnvironmentAndDefaultsToFourteenDays() {
        Binder env = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env",
                Map.of("GATEHOUSE_CALL_LOG_RETENTION", "3d"))));
        assertThat(env.bindOrCreate("gatehouse.call-log", CallLogProperties.class).retention())
                .isEqualTo(Duration.ofDays(3));
        Binder empty = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env",
                Map.of())));
        CallLogProperties defaults = empty.bindOrCreate("gatehouse.call-log", CallLogProperties.class);
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(14));
        assertThat(defaults.maxBatchSize().toMegabytes()).isEqualTo(10);
    }

    @Test
    void stepsAreWholeMinutes() {
        assertThat(CallLogApiController.parseStep("60s")).isEqualTo(Duration.ofMinutes(1));
        assertThat(CallLogApiController.parseStep("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CallLogApiController.parseStep("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CallLogApiController.parseStep("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(CallLogApiController.parseStep("90s")).isNull();
        assertThat(CallLogApiController.parseStep("0m")).isNull();
        assertThat(CallLogApiController.parseStep("5")).isNull();
        assertThat(CallLogApiController.parseStep("-1m")).isNull();
        assertThat(CallLogApiController.parseStep("40d")).isNull();
    }

    @Test
    void csvQuotesTextLeavesNullsEmptyAndTagsTheBatch() {
        CallRecord r = new CallRecord(NOW.toEpochMilli(), null, "req-1", null, null, null, null, null, null, null,
                "GET", "/a,\"b\"\n", 200, 1500, -1, 0, 42, "10.0.0.1", null, null, 0, null);
        String csv = CallIngestion.csv(new CallRecordBatch("b1", "node-1", List.of(r)), 77);
        assertThat(csv).isEqualTo("2026-11-29T12:00:00Z,\"node-1\",\"req-1\",,,,,,,,\"GET\",\"/a,\"\"b\"\"\n\","
                + "200,1500,-1,0,42,\"10.0.0.1\",,,0,,77\n");
    }

    @Test
    void csvCarriesAStepsNameAndStartAndTheTraceId() {
        CallRecord step = new CallRecord(NOW.toEpochMilli(), "node-1", "req-1", "r", "route", "s", "svc", null, null,
                null, "GET", "/p", 200, 900, 800, 0, 10, "10.0.0.1", null, "prices", 1250,
                "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(CallIngestion.csv(new CallRecordBatch("b1", "node-1", List.of(step)), 5))
                .endsWith(",\"10.0.0.1\",,\"prices\",1250,\"4bf92f3577b34da6a3ce929d0e0e4736\",5\n");
    }

    @Test
    void validationNamesEveryBadField() {
        CallRecord bad = new CallRecord(NOW.plus(Duration.ofDays(2)).toEpochMilli(), "other", "x\0y", null, null,
                null, null, null, null, null, "", null, 42, -1, -2, -1, -1, null, null, null, 0, null);
        List<Violation> v = CallBatchReader.validate(new CallRecordBatch("", "node-1", List.of(bad)), NOW);
        assertThat(v).extracting(Violation::field).containsExactlyInAnyOrder("batchId", "records[0].timestamp",
                "records[0].nodeId", "records[0].method", "records[0].path", "records[0].status",
                "records[0].latencyMicros", "records[0].upstreamMicros", "records[0].bytesIn", "records[0].bytesOut",
                "records[0].requestId");
    }

    @Test
    void aValidBatchHasNoViolations() {
        CallRecord ok = new CallRecord(NOW.minus(Duration.ofDays(30)).toEpochMilli(), "node-1", "r", "route", "n",
                null, null, null, null, null, "POST", "/", 503, 0, -1, 0, 0, null, "upstream_unavailable", null, 0, null);
        assertThat(CallBatchReader.validate(new CallRecordBatch("b", "node-1", List.of(ok)), NOW)).isEmpty();
    }
}
