package dev.gatehouse.runtime.policy.transform;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.error.ProblemWebExceptionHandler;
import dev.gatehouse.runtime.policy.PolicyCache;
import dev.gatehouse.runtime.policy.PolicyContext;
import dev.gatehouse.runtime.proxy.TargetUrlFilter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies the transform policy of a call (resolved after authentication: it may be attached to a consumer or plan):
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
public class TransformFilter implements RouteFilter, Ordered {

    private final PolicyCache<CompiledTransform> transforms = new PolicyCache<>(PolicyType.of(TransformPolicy.class),
            (policy, route) -> CompiledTransform.compile((TransformPolicy) policy.config()));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PolicyContext context = PolicyContext.of(exchange);
        CompiledTransform transform = context == null ? null
                : transforms.forCall(context.config(), context.route(), context.consumerId());
        if (transform == null) {
            return chain.filter(exchange);
        }
        if (transform.path() != null) {
            String rewritten = transform.path().rewrite(exchange.getRequest().getURI().getRawPath());
            if (rewritten != null) {
                exchange.getAttributes().put(TargetUrlFilter.REWRITTEN_PATH_ATTRIBUTE, rewritten);
            }
        }
        if (transform.response() != null) {
            ServerHttpResponse response = exchange.getResponse();
            response.beforeCommit(() -> {
                if (exchange.getAttribute(ProblemWebExceptionHandler.CODE_ATTRIBUTE) == null) {
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
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return RouteFilter.mayHave(route, policies, PolicyType.of(TransformPolicy.class));
    }

    @Override
    public int getOrder() {
        return FilterOrder.TRANSFORM;
    }
}
