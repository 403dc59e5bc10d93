package dev.gatehouse.runtime.tracing;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.runtime.call.GatehouseCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The node's tracing: on when an OTLP endpoint is configured ({@link TracingProperties}), then every proxy-port
 * call gets a server span (continuing a valid client {@code traceparent}, else a new trace), sampled parent-based
 * by ratio, phase spans and one client span per upstream call, exported in bounded batches. Off, it makes nothing:
 * the filters check {@link #enabled()} once per call, the route chains get no tracing step at all, and upstreams
 * receive the client's own {@code traceparent} unchanged.
 *
 * <p>What other packages use: {@link #startUpstream} for upstream calls the node makes itself (the steps of a
 * composite route), and {@link #writeUpstream} for the routed call's upstream headers. The OpenTelemetry SDK is used
 * directly, not through Micrometer Observation or the global {@code OpenTelemetry} (docs/adr/011-tracing.md).
 */
public final class Tracing implements AutoCloseable {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");
    private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
    private static final String SCOPE = "dev.gatehouse.runtime";

    private final boolean enabled;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final ExportCounts counts;

    private Tracing(SdkTracerProvider provider, ExportCounts counts) {
        this.enabled = provider != null;
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get(SCOPE);
        this.counts = counts;
    }

    /** Tracing switched off: no spans, nothing exported, client trace headers forwarded unchanged. */
    public static Tracing off() {
        return new Tracing(null, new ExportCounts(0, ""));
    }

    /** Tracing per {@code properties}: off without an endpoint, else exporting over OTLP/HTTP. */
    static Tracing of(TracingProperties properties, String nodeId, String version) {
        if (!properties.enabled()) {
            return off();
        }
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(properties.otlpEndpoint())
                .setTimeout(properties.exportTimeout())
                .setMeterProvider(MeterProvider::noop)
                .build();
        return exporting(properties, nodeId, version, exporter);
    }

    /** Tracing per {@code properties} into {@code exporter}. */
    static Tracing exporting(TracingProperties properties, String nodeId, String version, SpanExporter exporter) {
        ExportCounts counts = new ExportCounts(properties.queueSize(), properties.otlpEndpoint());
        BatchSpanProcessor batches = BatchSpanProcessor.builder(counts.count(exporter))
                .setMaxQueueSize(properties.queueSize())
                .setMaxExportBatchSize(properties.batchSize())
                .setScheduleDelay(properties.scheduleDelay())
                .setExporterTimeout(properties.exportTimeout())
                .setMeterProvider(MeterProvider::noop)
                .build();
        Attributes resource = Attributes.builder()
                .put(SERVICE_NAME, properties.serviceName())
                .put(SERVICE_INSTANCE, nodeId == null ? "" : nodeId)
                .put(SERVICE_VERSION, version == null ? "" : version)
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(resource)))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(properties.sampleRatio())))
                .addSpanProcessor(counts.gate(batches))
                .build();
        return new Tracing(provider, counts);
    }

    /** True when calls are traced. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Starts the trace of a call: its server span, child of the client's {@code traceparent} when that is valid,
     * and its first phase (matching a route). Only called when {@link #enabled()}.
     */
    CallSpans startCall(GatehouseCall call, HttpHeaders headers, String method) {
        SpanContext parent = TraceContextHeaders.parent(headers.get(TraceContextHeaders.TRACEPARENT),
                headers.get(TraceContextHeaders.TRACESTATE));
        Context context = parent == null ? Context.root() : Context.root().with(Span.wrap(parent));
        Span server = tracer.spanBuilder(CallSpans.UNROUTED).setSpanKind(SpanKind.SERVER).setParent(context)
                .startSpan();
        CallSpans spans = new CallSpans(tracer, call, server, CallSpans.method(method));
        call.trace(spans);
        spans.phase(CallSpans.MATCH);
        return spans;
    }

    /**
     * Starts the client span of one upstream call made for {@code call} (for instance one step of a composite
     * route); send {@link UpstreamSpan#traceparent()} as the upstream's {@code traceparent} (and
     * {@link UpstreamSpan#tracestate()} as its {@code tracestate}) and close it when the upstream's response
     * headers arrived or the call failed. When the call is not traced it returns {@link UpstreamSpan#OFF}, whose
     * {@code traceparent()} is null: forward the client's own header then.
     *
     * @param step    the name of the step (from the route's configuration, never the request), or null
     * @param service the name of the step's service, or null (the route's service)
     * @param target the URL called, for {@code server.address}/{@code server.port} (its path and query are not
     *               recorded), or null
     */
    public UpstreamSpan startUpstream(GatehouseCall call, String step, String service, URI target) {
        return call.trace() instanceof CallSpans spans ? spans.upstream(step, service, target) : UpstreamSpan.OFF;
    }

    /**
     * Writes the trace context headers of the routed call's upstream request into {@code upstream}: when the call is
     * traced, a {@code traceparent} naming its upstream client span (and the validated {@code tracestate}) replace
     * whatever the client sent; otherwise the headers are left as they are.
     */
    public void writeUpstream(HttpHeaders upstream, ServerWebExchange exchange) {
        if (!enabled) {
            return;
        }
        CallSpans spans = CallSpans.of(exchange);
        if (spans == null) {
            return;
        }
        UpstreamSpan current = spans.currentUpstream();
        upstream.set(TraceContextHeaders.TRACEPARENT, current.traceparent());
        if (current.tracestate() == null) {
            upstream.remove(TraceContextHeaders.TRACESTATE);
        } else {
            upstream.set(TraceContextHeaders.TRACESTATE, current.tracestate());
        }
    }

    /** Spans exported. */
    long exportedSpans() {
        return counts.exported();
    }

    /** Spans whose export failed. */
    long failedSpans() {
        return counts.failed();
    }

    /** Spans dropped because the export queue was full. */
    long droppedSpans() {
        return counts.dropped();
    }

    /** Exports the spans still waiting (at most five seconds) and stops. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
