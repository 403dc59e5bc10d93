package dev.gatehouse.runtime.calllog;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.proxy.ProblemWebExceptionHandler;
import dev.gatehouse.runtime.node.ServerPorts;
import dev.gatehouse.runtime.requestid.RequestIds;
import dev.gatehouse.runtime.routing.CompiledRoute;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Writes one {@link CallRecord} per proxy-port request when its response has ended, including the requests the
 * gateway answers itself (400, 401, 403, 404, 429, 5xx): it runs right after the request id filter, around routing,
 * and lets the problem handler answer errors inside it so that it sees the final status, code and body size. Body
 * bytes are counted as buffers pass, never copied. The record goes to the {@link CallBuffer} without waiting.
 */
final class CallLogFilter implements WebFilter, Ordered {

    private static final int MAX_PATH = 2_048;
    private static final int CLIENT_CLOSED = 499;

    private final CallBuffer buffer;
    private final CallLogMetrics metrics;
    private final ProblemWebExceptionHandler problems;
    private final ServerPorts ports;
    private final String nodeId;

    CallLogFilter(CallBuffer buffer, CallLogMetrics metrics, ProblemWebExceptionHandler problems, ServerPorts ports,
                  String nodeId) {
        this.buffer = buffer;
        this.metrics = metrics;
        this.problems = problems;
        this.ports = ports;
        this.nodeId = nodeId;
    }

    /** Body bytes seen; written by the connection's event loop, read once at the end. */
    private static final class Counts {
        volatile long in;
        volatile long out;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ports.isManagement(exchange)) {
            return chain.filter(exchange);
        }
        long timestamp = System.currentTimeMillis();
        long start = System.nanoTime();
        Counts counts = new Counts();
        ServerWebExchange counted = exchange.mutate()
                .request(new CountingRequest(exchange.getRequest(), counts))
                .response(new CountingResponse(exchange.getResponse(), counts))
                .build();
        GatehouseCall.of(counted).arrived(timestamp, start);
        return chain.filter(counted)
                .onErrorResume(error -> problems.handle(counted, error))
                .doFinally(signal -> record(counted, signal, timestamp, start, counts));
    }

    private void record(ServerWebExchange exchange, SignalType signal, long timestamp, long start, Counts counts) {
        long latencyNanos = System.nanoTime() - start;
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode statusCode = exchange.getResponse().getStatusCode();
        int status = statusCode != null ? statusCode.value() : signal == SignalType.CANCEL ? CLIENT_CLOSED : 200;
        GatehouseCall call = GatehouseCall.of(exchange);
        CompiledRoute route = call.route();
        long upstreamNanos = call.upstreamNanos();
        String path = recordedPath(request.getURI().getRawPath());
        CallRecord record = new CallRecord(timestamp, nodeId, RequestIds.of(exchange),
                route == null ? null : route.spec().id(), route == null ? null : route.spec().name(),
                route == null || route.service() == null ? null : route.service().id(),
                route == null || route.service() == null ? null : route.service().name(),
                call.consumerId(), call.consumer() == null ? null : call.consumer().name(), call.keyPrefix(),
                request.getMethod().name(), path, status,
                latencyNanos / 1_000, upstreamNanos < 0 ? -1 : upstreamNanos / 1_000, counts.in, counts.out,
                clientIp(call.client()), call.problemCode(), null, 0, call.traceId());
        buffer.offer(record);
        metrics.record(record, latencyNanos);
    }

    /** The path as records carry it: at most {@value #MAX_PATH} characters. */
    static String recordedPath(String path) {
        return path != null && path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path;
    }

    /** The client address as records carry it: null when the node could not tell. */
    static String clientIp(ClientAddress address) {
        return address.bytes().length == 0 ? null : address.text();
    }

    @Override
    public int getOrder() {
        return FilterOrder.CALL_LOG;
    }

    private static final class CountingRequest extends ServerHttpRequestDecorator {

        private final Counts counts;

        CountingRequest(ServerHttpRequest delegate, Counts counts) {
            super(delegate);
            this.counts = counts;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return super.getBody().doOnNext(buffer -> counts.in += buffer.readableByteCount());
        }
    }

    private static final class CountingResponse extends ServerHttpResponseDecorator {

        private final Counts counts;

        CountingResponse(ServerHttpResponse delegate, Counts counts) {
            super(delegate);
            this.counts = counts;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            // a Mono stays a Mono: the server writes a single buffer without a streaming setup
            Publisher<? extends DataBuffer> counted = body instanceof Mono<? extends DataBuffer> mono
                    ? mono.doOnNext(this::count) : Flux.from(body).doOnNext(this::count);
            return super.writeWith(counted);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part).doOnNext(this::count)));
        }

        private void count(DataBuffer buffer) {
            counts.out += buffer.readableByteCount();
        }
    }
}
