package dev.gatehouse.runtime.policy.size;

import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.runtime.policy.CallPolicyFilterFactory;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.error.GatewayProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses request bodies larger than the request-size policy allows with 413 {@code request_too_large}: at once
 * when {@code Content-Length} says so (nothing is sent upstream), and otherwise (chunked bodies) by counting the
 * bytes as they stream through: the call is aborted, the upstream connection closed, and the client answered 413
 * as soon as the limit is passed, unless the upstream has already answered. The policy may be attached to a
 * consumer or plan, so it is resolved after authentication.
 */
@Component
public class RequestSizeFilterFactory implements CallPolicyFilterFactory<RequestSizePolicy, Long> {

    private static final Kind<RequestSizePolicy, Long> KIND =
            new Kind<>(RequestSizePolicy.class, RequestSizePolicy::maxBytes, FilterOrder.REQUEST_SIZE);

    @Override
    public Kind<RequestSizePolicy, Long> kind() {
        return KIND;
    }

    @Override
    public Mono<Void> filter(Long max, GatehouseCall call, ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return Mono.error(tooLarge(max));
        }
        if (declared >= 0) {
            // the server reads exactly Content-Length bytes, so the declared length is the length
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new LimitedRequest(request, max)).build());
    }

    /** 413 {@code request_too_large}. */
    static GatewayProblem tooLarge(long max) {
        return GatewayProblem.requestTooLarge(max);
    }

    /** Counts body bytes as they stream and fails the body once more than {@code max} have passed. */
    static final class LimitedRequest extends ServerHttpRequestDecorator {

        private final long max;

        LimitedRequest(ServerHttpRequest delegate, long max) {
            super(delegate);
            this.max = max;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > max) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge(max));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
