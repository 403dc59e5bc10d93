package dev.gatehouse.runtime.policy.resilience;

import dev.gatehouse.runtime.RequestBodies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Holds a retried call's request body in memory so that every attempt sends it whole. Only bodies of a declared
 * length up to {@link RetryRules#MAX_REPLAYED_BODY} get here (the server reads exactly {@code Content-Length} bytes),
 * so a route holds at most that much per call in flight; the body is read once, through whatever counts or limits
 * it earlier in the chain.
 */
final class ReplayableBody {

    private ReplayableBody() {
    }

    /** The exchange with its request body read into memory and served afresh to each subscriber. */
    static Mono<ServerWebExchange> of(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        DataBufferFactory factory = exchange.getResponse().bufferFactory();
        return RequestBodies.read(request, RetryRules.MAX_REPLAYED_BODY)
                .map(body -> exchange.mutate().request(new Replayed(request, body, factory)).build());
    }

    /** A request whose body is the held bytes, wrapped anew for each attempt (each send releases its buffer). */
    private static final class Replayed extends ServerHttpRequestDecorator {

        private final byte[] body;
        private final DataBufferFactory factory;

        Replayed(ServerHttpRequest delegate, byte[] body, DataBufferFactory factory) {
            super(delegate);
            this.body = body;
            this.factory = factory;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> Flux.just(factory.wrap(body)));
        }
    }
}
