package dev.gatehouse.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.node.ServerPorts;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Sampling, propagation and export bounds of {@link Tracing}, on an exporter that keeps what it is given. */
class TracingTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    /** Keeps exported spans; answers each export with {@code result}. */
    static final class Collecting implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();
        volatile CompletableResultCode result = CompletableResultCode.ofSuccess();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private final Collecting exporter = new Collecting();

    private Tracing tracing(double ratio, int queueSize) {
        TracingProperties properties = new TracingProperties("http://127.0.0.1:1/v1/traces", ratio, null, queueSize,
                null, Duration.ofHours(1), null);
        return Tracing.exporting(properties, "node-1", "test", exporter);
    }

    /** Runs one call through its server span; returns the upstream traceparent it would send. */
    private static Call call(Tracing tracing, String... headers) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/x");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        GatehouseCall call = GatehouseCall.of(exchange);
        CallSpans spans = tracing.startCall(call, exchange.getRequest().getHeaders(), "GET");
        HttpHeaders upstream = new HttpHeaders();
        upstream.set(TraceContextHeaders.TRACEPARENT, "client-value");
        tracing.writeUpstream(upstream, exchange);
        spans.end(exchange, SignalType.ON_COMPLETE);
        return new Call(call.traceId(), upstream.getFirst(TraceContextHeaders.TRACEPARENT),
                upstream.getFirst(TraceContextHeaders.TRACESTATE));
    }

    /** The sampled bit of a traceparent's flags (the SDK also sets level 2's random-trace-id bit on new traces). */
    private static boolean sampledFlag(String traceparent) {
        return (Integer.parseInt(traceparent.substring(53), 16) & 1) == 1;
    }

    record Call(String recordedTraceId, String traceparent, String tracestate) {
    }

    @Test
    void ratioZeroRecordsNoNewTraceButStillPropagatesOne() {
        Tracing tracing = tracing(0, 100);
        Call call = call(tracing);
        assertThat(call.recordedTraceId()).isNull();
        assertThat(TraceContextHeaders.validTraceparent(call.traceparent())).isTrue();
        assertThat(sampledFlag(call.traceparent())).isFalse();
        tracing.close();
        assertThat(exporter.spans).isEmpty();
    }

    @Test
    void aSampledParentStaysSampledWhateverTheRatio() {
        Tracing tracing = tracing(0, 100);
        Call call = call(tracing, "traceparent", "00-" + TRACE + "-" + SPAN + "-01", "tracestate", "rojo=1");
        assertThat(call.recordedTraceId()).isEqualTo(TRACE);
        assertThat(call.traceparent()).startsWith("00-" + TRACE + "-").endsWith("-01")
                .doesNotContain(SPAN);
        assertThat(call.tracestate()).isEqualTo("rojo=1");
        tracing.close();
        SpanData server = exporter.spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst()
                .orElseThrow();
        assertThat(server.getTraceId()).isEqualTo(TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(SPAN);
        assertThat(server.getName()).isEqualTo(CallSpans.UNROUTED);
    }

    @Test
    void anUnsampledParentStaysUnsampledWhateverTheRatio() {
        Tracing tracing = tracing(1, 100);
        Call call = call(tracing, "traceparent", "00-" + TRACE + "-" + SPAN + "-00");
        assertThat(call.recordedTraceId()).isNull();
        assertThat(call.traceparent()).startsWith("00-" + TRACE + "-").endsWith("-00");
        tracing.close();
        assertThat(exporter.spans).isEmpty();
    }

    @Test
    void aMalformedParentStartsANewTraceAndIsNeverForwarded() {
        Tracing tracing = tracing(1, 100);
        String forged = "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01";
        Call call = call(tracing, "traceparent", forged, "tracestate", "rojo=1");
        assertThat(call.recordedTraceId()).isNotNull().isNotEqualTo(TRACE);
        assertThat(call.traceparent()).startsWith("00-" + call.recordedTraceId() + "-");
        assertThat(sampledFlag(call.traceparent())).isTrue();
        // a tracestate without a valid parent has nothing to belong to
        assertThat(call.tracestate()).isNull();
        tracing.close();
    }

    @Test
    void newTracesAreSampledAtTheRatio() {
        Tracing tracing = tracing(0.01, 100);
        // one exchange for all (a mock exchange costs a millisecond): each start replaces the call's trace
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        GatehouseCall call = GatehouseCall.of(exchange);
        int sampled = 0;
        for (int i = 0; i < 10_000; i++) {
            CallSpans spans = tracing.startCall(call, exchange.getRequest().getHeaders(), "GET");
            if (call.traceId() != null) {
                sampled++;
            }
            spans.end(exchange, SignalType.ON_COMPLETE);
        }
        // binomial(10,000, 1 %): mean 100, standard deviation 10
        assertThat(sampled).isBetween(40, 200);
        tracing.close();
    }

    @Test
    void offLeavesTheClientsHeadersAlone() {
        Tracing off = Tracing.off();
        assertThat(off.enabled()).isFalse();
        HttpHeaders upstream = new HttpHeaders();
        upstream.set(TraceContextHeaders.TRACEPARENT, "client-value");
        off.writeUpstream(upstream, MockServerWebExchange.from(MockServerHttpRequest.get("/x")));
        assertThat(upstream.getFirst(TraceContextHeaders.TRACEPARENT)).isEqualTo("client-value");
        assertThat(off.startUpstream(GatehouseCall.of(MockServerWebExchange.from(MockServerHttpRequest.get("/x"))),
                "step", null, null)).isSameAs(UpstreamSpan.OFF);
        assertThat(UpstreamSpan.OFF.traceparent()).isNull();
    }

    @Test
    void eachUpstreamCallOfAStepHasItsOwnClientSpanUnderTheServerSpan() {
        Tracing tracing = tracing(1, 100);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));
        GatehouseCall call = GatehouseCall.of(exchange);
        CallSpans spans = tracing.startCall(call, exchange.getRequest().getHeaders(), "GET");
        String first;
        String second;
        try (UpstreamSpan users = tracing.startUpstream(call, "users", "users-svc", URI.create("http://10.0.0.7:8080/u/1?k=v"));
             UpstreamSpan orders = tracing.startUpstream(call, "orders", null, null)) {
            first = users.traceparent();
            second = orders.traceparent();
            assertThat(users.recording()).isTrue();
            users.status(200);
            orders.failed(new java.net.ConnectException("refused"));
        }
        spans.end(exchange, SignalType.ON_COMPLETE);
        tracing.close();

        SpanData server = exporter.spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst()
                .orElseThrow();
        List<SpanData> clients = exporter.spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertThat(clients).hasSize(2).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(span.getTraceId()).isEqualTo(server.getTraceId());
        });
        SpanData users = clients.stream().filter(s -> "users".equals(s.getAttributes().get(CallSpans.STEP)))
                .findFirst().orElseThrow();
        SpanData orders = clients.stream().filter(s -> "orders".equals(s.getAttributes().get(CallSpans.STEP)))
                .findFirst().orElseThrow();
        assertThat(first).isEqualTo("00-" + users.getTraceId() + "-" + users.getSpanId() + "-"
                + users.getSpanContext().getTraceFlags().asHex());
        assertThat(second).contains(orders.getSpanId());
        assertThat(users.getAttributes().get(UpstreamSpan.SERVER_ADDRESS)).isEqualTo("10.0.0.7");
        assertThat(users.getAttributes().get(CallSpans.STATUS_CODE)).isEqualTo(200L);
        assertThat(users.getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("k=v"));
        assertThat(orders.getAttributes().get(CallSpans.ERROR_TYPE)).isEqualTo("upstream_unavailable");
        assertThat(orders.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    }

    @Test
    void offGivesRoutesNoStepAndCallsNoTrace() {
        Tracing off = Tracing.off();
        assertThat(new PhaseFilterFactory(off, 0, route -> PhaseFilterFactory.Phase.END).apply(null)).isNull();
        assertThat(new UpstreamSpanFilterFactory(off).apply(null)).isNull();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header("traceparent", "00-" + TRACE + "-" + SPAN + "-01"));
        new TracingWebFilter(off, new ServerPorts()).filter(exchange, ex -> Mono.empty()).block();
        GatehouseCall call = GatehouseCall.find(exchange);
        assertThat(call == null || call.trace() == null).isTrue();
    }

    @Test
    void spansBeyondTheQueueAreDroppedAndCountedAndFailuresCounted() {
        // exports never finish: the queue fills up after 4 spans (server + match of two calls)
        exporter.result = new CompletableResultCode();
        Tracing tracing = tracing(1, 4);
        for (int i = 0; i < 5; i++) {
            call(tracing);
        }
        assertThat(tracing.droppedSpans()).isEqualTo(6);
        exporter.result.fail();
        tracing.close();
        assertThat(tracing.failedSpans()).isEqualTo(4);
        assertThat(tracing.exportedSpans()).isZero();
    }
}
