package dev.gatehouse.runtime.policy.transform;

import dev.gatehouse.runtime.policy.CallPolicyFilterFactory;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The transform policy of a call (resolved after authentication: it may be attached to a consumer or plan):
 * <ul>
 *   <li>request headers: remove, rename, set, add, on their way upstream (the gateway's own
 *       {@code X-Forwarded-*} and {@code X-Request-Id} are written afterwards and win);</li>
 *   <li>path rewrite: when the request's raw path matches {@code from}, the upstream path becomes the service's base
 *       path followed by {@code to} with the captured segments; the route's {@code stripPrefix} does not apply
 *       then (the template sees and replaces the whole path). Paths that do not match are forwarded as usual;</li>
 *   <li>response headers: remove, rename, set, add on the upstream's response (not on errors the gateway answers
 *       itself, whose problem documents keep their own headers).</li>
 * </ul>
 */
@Component
public class TransformFilterFactory implements CallPolicyFilterFactory<TransformPolicy, CompiledTransform> {

    private static final Kind<TransformPolicy, CompiledTransform> KIND =
            new Kind<>(TransformPolicy.class, CompiledTransform::compile, FilterOrder.TRANSFORM);

    @Override
    public Kind<TransformPolicy, CompiledTransform> kind() {
        return KIND;
    }

    @Override
    public Mono<Void> filter(CompiledTransform transform, GatehouseCall call, ServerWebExchange exchange,
                             GatewayFilterChain chain) {
        if (transform.path() != null) {
            String rewritten = transform.path().rewrite(exchange.getRequest().getURI().getRawPath());
            if (rewritten != null) {
                call.rewrittenPath(rewritten);
            }
        }
        if (transform.response() != null) {
            ServerHttpResponse response = exchange.getResponse();
            response.beforeCommit(() -> {
                if (call.problemCode() == null) {
                    transform.response().apply(response.getHeaders());
                }
                return Mono.empty();
            });
        }
        if (transform.request() == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(transform.request()::apply)).build());
    }
}
