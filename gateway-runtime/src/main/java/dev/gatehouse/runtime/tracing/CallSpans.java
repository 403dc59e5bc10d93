package dev.gatehouse.runtime.tracing;

import java.net.URI;

import dev.gatehouse.runtime.call.CallTrace;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.error.ProblemMapper;
import dev.gatehouse.runtime.routing.CompiledRoute;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import reactor.core.publisher.SignalType;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * The spans of one traced call: the server span, the phase span open now (match, auth, policies) and the upstream
 * call being made. A call that is not sampled keeps only its trace and span ids, to send upstream with the
 * sampled flag off; it makes no further span.
 *
 * <p>Span names are the route's name and the phase ({@code orders auth}), never a path; attributes are the route,
 * service and consumer ids and names the admin manages, the method (unknown ones as {@code _OTHER}), status codes
 * and the gateway's problem codes: nothing the client chose freely, no credential, no query.
 */
final class CallSpans implements CallTrace {

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gatehouse.route");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("gatehouse.service");
    static final AttributeKey<String> CONSUMER_ID = AttributeKey.stringKey("gatehouse.consumer.id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("gatehouse.step");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final String MATCH = "match";
    static final String AUTH = "auth";
    static final String POLICIES = "policies";
    static final String UPSTREAM = "upstream";
    /** Name of the server span of a call no route matched. */
    static final String UNROUTED = "unrouted";

    private static final int CLIENT_CLOSED = 499;
    private static final ProblemMapper PROBLEMS = new ProblemMapper();

    private final Tracer tracer;
    private final GatehouseCall call;
    private final Span server;
    private final boolean recording;
    private final String method;
    private Context serverContext;
    private Span phase;
    private String phaseName;
    private UpstreamSpan upstream;
    private GatewayProblem failure;

    CallSpans(Tracer tracer, GatehouseCall call, Span server, String method) {
        this.tracer = tracer;
        this.call = call;
        this.server = server;
        this.recording = server.isRecording();
        this.method = method;
    }

    /** The spans of the call of {@code exchange}, or null when it is not traced. */
    static CallSpans of(ServerWebExchange exchange) {
        GatehouseCall call = GatehouseCall.find(exchange);
        return call != null && call.trace() instanceof CallSpans spans ? spans : null;
    }

    @Override
    public String recordedTraceId() {
        return recording ? server.getSpanContext().getTraceId() : null;
    }

    /** True when the call's spans are recorded (it was sampled). */
    boolean recording() {
        return recording;
    }

    /** Ends the phase open now, and starts {@code next} unless it is null. Does nothing for an unsampled call. */
    void phase(String next) {
        if (!recording) {
            return;
        }
        if (phase != null) {
            if (MATCH.equals(phaseName)) {
                // the route is known only once matching is over
                phase.updateName(name(MATCH));
            }
            phase.end();
            phase = null;
        }
        if (next != null) {
            phaseName = next;
            phase = tracer.spanBuilder(name(next)).setParent(serverContext()).startSpan();
        }
    }

    /**
     * Starts the client span of an upstream call; {@code step} names a composite route's step and {@code service}
     * the step's service, else both are null (the route's service).
     */
    UpstreamSpan upstream(String step, String service, URI target) {
        if (!recording) {
            return currentUpstream();
        }
        Span span = tracer.spanBuilder(name(UPSTREAM)).setSpanKind(SpanKind.CLIENT).setParent(serverContext())
                .setAttribute(METHOD, method)
                .startSpan();
        CompiledRoute route = call.route();
        if (route != null) {
            span.setAttribute(ROUTE, route.spec().name());
        }
        String serviceName = service != null ? service : route != null && route.service() != null
                ? route.service().name() : null;
        if (serviceName != null) {
            span.setAttribute(SERVICE, serviceName);
        }
        if (step != null) {
            span.setAttribute(STEP, step);
        }
        UpstreamSpan started = UpstreamSpan.of(span).target(target);
        if (step == null) {
            upstream = started;
        }
        return started;
    }

    /** The routed upstream call made now, or one naming the server span when none was started. */
    UpstreamSpan currentUpstream() {
        if (upstream == null) {
            upstream = UpstreamSpan.propagating(server.getSpanContext());
        }
        return upstream;
    }

    /** Notes what the call failed with, for calls no problem handler answered before the end. */
    void failed(Throwable error) {
        failure = PROBLEMS.map(error);
    }

    /** Ends the open phase and the server span with the call's outcome. */
    void end(ServerWebExchange exchange, SignalType signal) {
        if (!recording) {
            return;
        }
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        int status = code != null ? code.value() : failure != null ? failure.status().value()
                : signal == SignalType.CANCEL ? CLIENT_CLOSED : 200;
        String problem = call.problemCode() != null ? call.problemCode() : failure != null ? failure.code() : null;
        if (phase != null) {
            if (problem != null) {
                // the phase that ended the call, say auth with invalid_credentials
                phase.setAttribute(ERROR_TYPE, problem);
            }
            phase(null);
        }
        CompiledRoute route = call.route();
        server.updateName(route == null ? UNROUTED : route.spec().name());
        server.setAttribute(METHOD, method);
        server.setAttribute(STATUS_CODE, status);
        if (route != null) {
            server.setAttribute(ROUTE, route.spec().name());
            if (route.service() != null) {
                // a composite route has no service of its own: its steps' spans name theirs
                server.setAttribute(SERVICE, route.service().name());
            }
        }
        String consumer = call.consumerId();
        if (consumer != null) {
            server.setAttribute(CONSUMER_ID, consumer);
        }
        if (problem != null) {
            server.setAttribute(ERROR_TYPE, problem);
        } else if (signal == SignalType.CANCEL && code == null) {
            server.setAttribute(ERROR_TYPE, "client_closed");
        }
        if (status >= 500) {
            server.setStatus(StatusCode.ERROR);
        }
        server.end();
    }

    private Context serverContext() {
        if (serverContext == null) {
            serverContext = Context.root().with(server);
        }
        return serverContext;
    }

    private String name(String phaseName) {
        CompiledRoute route = call.route();
        return route == null ? phaseName : route.spec().name() + " " + phaseName;
    }

    /** The method as a span attribute: one of HTTP's own, or {@code _OTHER}, so a client cannot invent values. */
    static String method(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" -> method;
            default -> "_OTHER";
        };
    }
}
