package dev.gatehouse.runtime.tracing;

import java.net.URI;

import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.error.ProblemMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One upstream call the gateway makes for a client call (the routed call's forwarding, each retry attempt, each
 * step of a composite route): its client span when the call is recorded, and the {@code traceparent} to send
 * upstream, whose parent is that span. Close it when the upstream's response headers have arrived or the call failed;
 * closing twice does nothing. Not thread-safe: one upstream call, one thread at a time.
 *
 * <p>When tracing is off, {@link #OFF} (no allocation): {@link #traceparent()} is null and the caller forwards the
 * client's own {@code traceparent} unchanged, as the node's routed calls do.
 */
public final class UpstreamSpan implements AutoCloseable {

    /** The upstream call of a call that is not traced. */
    public static final UpstreamSpan OFF = new UpstreamSpan(null, null, null);

    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final ProblemMapper PROBLEMS = new ProblemMapper();

    private final Span span;
    private final String traceparent;
    private final String tracestate;
    private boolean ended;

    UpstreamSpan(Span span, String traceparent, String tracestate) {
        this.span = span;
        this.traceparent = traceparent;
        this.tracestate = tracestate;
    }

    /** An upstream call with no span of its own, naming {@code parent} as its parent (an unsampled call). */
    static UpstreamSpan propagating(SpanContext parent) {
        return new UpstreamSpan(null, TraceContextHeaders.traceparent(parent), TraceContextHeaders.tracestate(parent));
    }

    static UpstreamSpan of(Span span) {
        SpanContext context = span.getSpanContext();
        return new UpstreamSpan(span.isRecording() ? span : null, TraceContextHeaders.traceparent(context),
                TraceContextHeaders.tracestate(context));
    }

    /** The {@code traceparent} header value to send upstream, or null when tracing is off. */
    public String traceparent() {
        return traceparent;
    }

    /** The {@code tracestate} header value to send upstream, or null for none. */
    public String tracestate() {
        return tracestate;
    }

    /** True when this upstream call's span is recorded and exported. */
    public boolean recording() {
        return span != null;
    }

    /** Records the upstream's address (from the configuration, never from the client). */
    public UpstreamSpan target(URI url) {
        if (span != null && url != null && url.getHost() != null) {
            span.setAttribute(SERVER_ADDRESS, url.getHost());
            if (url.getPort() > 0) {
                span.setAttribute(SERVER_PORT, url.getPort());
            }
        }
        return this;
    }

    /** Records the status the upstream answered with; 5xx marks the span as failed. */
    public void status(int status) {
        if (span != null && status > 0) {
            span.setAttribute(CallSpans.STATUS_CODE, status);
            if (status >= 500) {
                span.setAttribute(CallSpans.ERROR_TYPE, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
        }
    }

    /**
     * Records that the upstream call failed: the span's {@code error.type} is the problem code the failure maps to
     * ({@code upstream_unavailable}, {@code upstream_timeout}...), never the exception's message.
     */
    public void failed(Throwable error) {
        if (span != null) {
            GatewayProblem problem = PROBLEMS.map(error);
            span.setAttribute(CallSpans.ERROR_TYPE, problem.code());
            span.setStatus(StatusCode.ERROR);
        }
    }

    /** Records that the call was given up before the upstream answered (client gone, timeout policy). */
    void cancelled() {
        if (span != null) {
            span.setAttribute(CallSpans.ERROR_TYPE, "cancelled");
        }
    }

    /** Ends the span (once). */
    @Override
    public void close() {
        if (span != null && !ended) {
            ended = true;
            span.end();
        }
    }
}
