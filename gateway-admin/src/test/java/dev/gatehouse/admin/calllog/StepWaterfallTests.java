package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepWaterfallTests {

    static CallLogEntry call(long latencyMicros) {
        return new CallLogEntry(1, Instant.parse("2026-11-29T12:00:00Z"), "node-1", "req-1", "r", "route", "s",
                "svc", null, null, null, "GET", "/", 200, latencyMicros, 1000, 0, 0, "10.0.0.1", null, 3, null);
    }

    static CallStep step(String name, long start, long latency, int status) {
        return new CallStep(name, "s-" + name, name, "GET", "/" + name, status, start, latency, latency, 0, 10,
                null);
    }

    @Test
    void barsAreOffsetByTheStartAndAsLongAsTheStepOnTheCallsScale() {
        StepWaterfall w = StepWaterfall.of(call(40_000), List.of(step("product", 0, 10_000, 200),
                step("prices", 10_000, 20_000, 200), step("stock", 12_000, 25_000, 503)));
        assertThat(w.axisMicros()).isEqualTo(40_000);
        assertThat(w.rows()).extracting(StepWaterfall.Row::offsetPercent).containsExactly("0", "25", "30");
        assertThat(w.rows()).extracting(StepWaterfall.Row::widthPercent).containsExactly("25", "50", "62.5");
        assertThat(w.rows().get(2).step().failed()).isTrue();
        assertThat(w.rows().get(0).step().failed()).isFalse();
    }

    @Test
    void aStepEndingAfterTheCallWidensTheAxisSoNoBarOverflows() {
        StepWaterfall w = StepWaterfall.of(call(10_000), List.of(step("slow", 5_000, 15_000, 200)));
        assertThat(w.axisMicros()).isEqualTo(20_000);
        assertThat(w.rows().get(0).offsetPercent()).isEqualTo("25");
        assertThat(w.rows().get(0).widthPercent()).isEqualTo("75");
    }

    @Test
    void aTinyStepStaysVisibleAndInsideTheAxis() {
        StepWaterfall w = StepWaterfall.of(call(1_000_000), List.of(step("cache", 0, 1, 200),
                step("late", 999_999, 1, 200)));
        assertThat(w.rows()).extracting(StepWaterfall.Row::widthPercent).containsOnly("0.5");
        assertThat(w.rows()).extracting(StepWaterfall.Row::offsetPercent).containsExactly("0", "99.5");
    }

    @Test
    void aCallOfZeroMicrosecondsStillHasAnAxis() {
        StepWaterfall w = StepWaterfall.of(call(0), List.of(step("a", 0, 0, 200)));
        assertThat(w.axisMicros()).isEqualTo(1);
        assertThat(w.rows().get(0).widthPercent()).isEqualTo("0.5");
        assertThat(StepWaterfall.of(call(5), List.of()).rows()).isEmpty();
    }

    @Test
    void aStepFailsOnANon2xxAnswerOrAGatewayError() {
        assertThat(step("a", 0, 1, 404).failed()).isTrue();
        assertThat(step("a", 0, 1, 204).failed()).isFalse();
        assertThat(new CallStep("a", null, null, "GET", "/", 200, 0, 1, -1, 0, 0, "upstream_timeout").failed())
                .isTrue();
    }
}
