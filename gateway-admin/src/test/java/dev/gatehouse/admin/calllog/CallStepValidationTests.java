package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The step fields of call records (composite routes) at the door, and that a step is not counted as a call. */
class CallStepValidationTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static CallRecord call(String requestId, String step, long start, int status) {
        return new CallRecord(NOW.minusSeconds(60).toEpochMilli(), "node-1", requestId, "route-1", "catalogue",
                step == null ? "svc-edge" : "svc-" + step, step == null ? "edge" : step, "cons-1", "acme", "gwk_Ab",
                "GET", step == null ? "/catalogue/7" : "/" + step + "/7", status, 40_000, 30_000, 0, 100,
                "10.0.0.1", null, step, start, null);
    }

    private static List<Violation> validate(CallRecord... records) {
        return CallBatchReader.validate(new CallRecordBatch("b", "node-1", List.of(records)), NOW);
    }

    @Test
    void aCompositeCallWithItsStepsIsValid() {
        assertThat(validate(call("req-1", null, 0, 200), call("req-1", "product", 0, 200),
                call("req-1", "prices", 0, 200), call("req-1", "stock_v2", 12_500, 503))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Prices", "1st", "-a", "a b", "a.b", "prices!", "abcdefghijklmnopqrstuvwxyz0123456"})
    void aStepNameMustBeOneARouteCouldHave(String name) {
        assertThat(validate(call("req-1", null, 0, 200), call("req-1", name, 0, 200)))
                .extracting(Violation::field, Violation::message)
                .containsExactly(tuple("records[1].step",
                        "must be 1 to 32 lower-case letters, digits, - or _, starting with a letter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4BF92F3577B34DA6A3CE929D0E0E4736", "00000000000000000000000000000000",
            "4bf92f3577b34da6a3ce929d0e0e473", "4bf92f3577b34da6a3ce929d0e0e47366", "javascript:alert(1)", ""})
    void aTraceIdIsThirtyTwoLowerCaseHexDigitsNotAllZero(String traceId) {
        CallRecord call = call("req-1", null, 0, 200);
        CallRecord traced = new CallRecord(call.timestamp(), call.nodeId(), call.requestId(), call.routeId(),
                call.routeName(), call.serviceId(), call.serviceName(), call.consumerId(), call.consumerName(),
                call.keyPrefix(), call.method(), call.path(), call.status(), call.latencyMicros(),
                call.upstreamMicros(), call.bytesIn(), call.bytesOut(), call.clientIp(), call.errorCode(), null, 0,
                traceId);
        assertThat(validate(traced)).extracting(Violation::field, Violation::message)
                .containsExactly(tuple("records[0].traceId", "must be 32 lower-case hex digits, not all zero"));
    }

    @Test
    void theLongestAndShortestStepNamesPass() {
        assertThat(validate(call("r", "a", 0, 200), call("r", "abcdefghijklmnopqrstuvwxyz012345", 0, 200),
                call("r", "a-b_c9", 0, 200))).isEmpty();
    }

    @Test
    void aStepStartIsNotNegativeAndACallsIsZero() {
        assertThat(validate(call("req-1", "prices", -1, 200), call("req-2", null, 5, 200)))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        tuple("records[0].stepStartMicros", "must not be negative"),
                        tuple("records[1].stepStartMicros",
                                "must be 0 when step is null (a call a client made)"));
    }

    @Test
    void aStepNeedsTheRequestIdThatTiesItToItsCall() {
        assertThat(validate(call(null, "prices", 0, 200), call(" ", "stock", 0, 200)))
                .extracting(Violation::field).containsExactly("records[0].requestId", "records[1].requestId");
        // A client's call may lack one, as before.
        assertThat(validate(call(null, null, 0, 200))).isEmpty();
    }

    @Test
    void stepsAreNotCountedInTheMinuteRollUps() {
        List<CallRecord> records = new ArrayList<>(List.of(call("req-1", null, 0, 200),
                call("req-1", "product", 0, 200), call("req-1", "prices", 0, 503), call("req-1", "stock", 9, 200)));
        var rows = MinuteRollups.aggregate(records);
        assertThat(rows).hasSize(1);
        MinuteRollups.Key key = rows.keySet().iterator().next();
        assertThat(key.serviceId()).isEqualTo("svc-edge");
        assertThat(key.statusClass()).isEqualTo(2);
        assertThat(rows.get(key).count).isEqualTo(1);
        assertThat(rows.get(key).errors).isZero();
    }
}
