package dev.gatehouse.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Strict reading and writing of W3C trace context headers. */
class TraceContextHeadersTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String VALID = "00-" + TRACE + "-" + SPAN + "-01";

    @Test
    void readsAValidTraceparent() {
        SpanContext parent = TraceContextHeaders.parent(List.of(VALID), null);
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceState().isEmpty()).isTrue();

        SpanContext unsampled = TraceContextHeaders.parent(List.of("00-" + TRACE + "-" + SPAN + "-00"), null);
        assertThat(unsampled.isSampled()).isFalse();
        // flags other than sampled and random are unknown, so not carried on
        assertThat(TraceContextHeaders.parent(List.of("00-" + TRACE + "-" + SPAN + "-ff"), null)
                .getTraceFlags().asHex()).isEqualTo("03");
    }

    @Test
    void acceptsALaterVersionWithMoreFields() {
        assertThat(TraceContextHeaders.parent(List.of("01-" + TRACE + "-" + SPAN + "-01-what-comes"), null))
                .isNotNull();
        assertThat(TraceContextHeaders.parent(List.of("01-" + TRACE + "-" + SPAN + "-01"), null)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero span id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
            "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-", // version 00 is exactly 55 chars
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // later version: '-' must follow
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
            " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902g7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX-Evil: 1"})
    void refusesAMalformedTraceparent(String value) {
        assertThat(TraceContextHeaders.parent(List.of(value), null)).isNull();
    }

    @Test
    void refusesNoneOrSeveralTraceparents() {
        assertThat(TraceContextHeaders.parent(null, null)).isNull();
        assertThat(TraceContextHeaders.parent(List.of(), null)).isNull();
        assertThat(TraceContextHeaders.parent(List.of(VALID, VALID), null)).isNull();
    }

    @Test
    void readsTraceStateInOrderAcrossHeaders() {
        SpanContext parent = TraceContextHeaders.parent(List.of(VALID),
                List.of("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE", "tenant@vendor=x,,  a-b*c/d_e= v a l"));
        TraceState state = parent.getTraceState();
        assertThat(state.get("rojo")).isEqualTo("00f067aa0ba902b7");
        assertThat(state.get("congo")).isEqualTo("t61rcWkgMzE");
        assertThat(state.get("tenant@vendor")).isEqualTo("x");
        assertThat(state.get("a-b*c/d_e")).isEqualTo(" v a l");
        assertThat(TraceContextHeaders.tracestate(parent))
                .isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x,a-b*c/d_e= v a l");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rojo=1", "rojo", "=1", "rojo=1,rojo=2", "rojo=a,b", "rojo=a=b",
            "1abc=x", "tenant@Vendor=x", "tenant@vendorwaytoolongname=x", "rojo=\u00e9", "rojo=a\u0000"})
    void dropsAMalformedTraceStateButKeepsTheParent(String tracestate) {
        SpanContext parent = TraceContextHeaders.parent(List.of(VALID), List.of(tracestate));
        assertThat(parent).isNotNull();
        assertThat(parent.getTraceState().isEmpty()).isTrue();
        assertThat(TraceContextHeaders.tracestate(parent)).isNull();
    }

    @Test
    void dropsATraceStateOfMoreThan32Members() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
        }
        assertThat(TraceContextHeaders.parent(List.of(VALID), List.of(many.toString())).getTraceState().isEmpty())
                .isTrue();
        String thirtyTwo = many.substring(0, many.lastIndexOf(","));
        assertThat(TraceContextHeaders.parent(List.of(VALID), List.of(thirtyTwo)).getTraceState().size())
                .isEqualTo(32);
    }

    @Test
    void writesTheTraceparentOfASpan() {
        SpanContext parent = TraceContextHeaders.parent(List.of(VALID), null);
        assertThat(TraceContextHeaders.traceparent(parent)).isEqualTo(VALID);
        assertThat(TraceContextHeaders.validTraceparent(TraceContextHeaders.traceparent(parent))).isTrue();
    }
}
