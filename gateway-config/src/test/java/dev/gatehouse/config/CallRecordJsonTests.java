package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A call record crosses the node → admin link whole, a composite step's name and start included. */
class CallRecordJsonTests {

    private final ConfigJson json = new ConfigJson();

    @Test
    void aStepRecordKeepsItsStepNameAndStart() {
        CallRecord step = new CallRecord(1_764_417_600_000L, "node-1", "req-1", "r1", "catalogue", "s1", "prices",
                "c1", "acme", "gwk_Ab", "GET", "/prices/7", 200, 20_000, 19_000, 0, 300, "10.0.0.1", null, "prices",
                10_000, null);
        CallRecordBatch batch = new CallRecordBatch("b1", "node-1", List.of(step));

        CallRecordBatch back = json.read(json.write(batch), CallRecordBatch.class);

        assertThat(back).isEqualTo(batch);
        assertThat(back.records().get(0).isStep()).isTrue();
        assertThat(json.writeString(step)).contains("\"step\":\"prices\"", "\"stepStartMicros\":10000");
    }

    @Test
    void aClientsCallHasNoStep() {
        CallRecord call = new CallRecord(1_764_417_600_000L, "node-1", "req-1", null, null, null, null, null, null,
                null, "GET", "/", 404, 1_000, -1, 0, 0, "10.0.0.1", "no_route", null, 0, null);
        CallRecord back = json.read(json.write(call), CallRecord.class);
        assertThat(back).isEqualTo(call);
        assertThat(back.isStep()).isFalse();
    }
}
