package dev.gatehouse.runtime.policy.transform;

import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.live.PerConsumer;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
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
public class TransformFilterFactory implements PolicyFilterFactory<TransformPolicy, CompiledTransform> {

    @Override
    public Class<TransformPolicy> policyType() {
        return TransformPolicy.class;
    }

    @Override
    public CompiledTransform compile(TransformPolicy policy) {
        return CompiledTransform.compile(policy);
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        if (!route.mayHave(TransformPolicy.class)) {
            return null;
        }
        PerConsumer<CompiledTransform> transforms = new PerConsumer<>(route,
                route.dependsOnConsumer(TransformPolicy.class),
                (setup, consumer) -> setup.compiled(setup.callPolicy(TransformPolicy.class, consumer)));
        return transforms.isEmpty() ? null : (exchange, chain) -> {
            GatehouseCall call = GatehouseCall.of(exchange);
            return filter(transforms.forConsumer(call.consumerId()), call, exchange, chain);
        };
    }

    private static Mono<Void> filter(CompiledTransform transform, GatehouseCall call, ServerWebExchange exchange,
                                     GatewayFilterChain chain) {
        if (transform == null) {
            return chain.filter(exchange);
        }
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

    @Override
    public int order() {
        return FilterOrder.TRANSFORM;
    }
}
