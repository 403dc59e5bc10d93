package dev.gatehouse.runtime.policy.cors;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.CorsPolicy;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyCache;
import dev.gatehouse.runtime.policy.PolicyContext;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;

/**
 * CORS for routes with a CORS policy; routes without one leave CORS to the upstream (pre-flights are proxied).
 * <ul>
 *   <li>A pre-flight is answered here, before authentication: 204 with the {@code Access-Control-Allow-*} headers
 *       when origin, method and headers are allowed, else 403 {@code cors_forbidden}.</li>
 *   <li>A cross-origin call from an origin not allowed is refused with 403 {@code cors_forbidden}.</li>
 *   <li>Every other cross-origin call gets the CORS headers on its response, also when the gateway answers it with
 *       an error (401, 429, 502...), so the browser can show the error; the upstream's own
 *       {@code Access-Control-*} headers are replaced, because the policy owns CORS for the route.</li>
 * </ul>
 */
@Component
public class CorsFilter implements RouteFilter, Ordered {

    private final PolicyCache<CorsRules> rules = new PolicyCache<>(PolicyType.of(CorsPolicy.class),
            (policy, route) -> CorsRules.compile((CorsPolicy) policy.config()));
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        PolicyContext context = PolicyContext.of(exchange);
        CorsRules compiled = context == null ? null : rules.forRoute(context.config(), context.route());
        if (compiled == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (CorsUtils.isPreFlightRequest(request)) {
            if (!compiled.allowsPreflight(request)) {
                return Mono.error(forbidden());
            }
            processor.process(compiled.configuration(), exchange);
            response.setStatusCode(HttpStatus.NO_CONTENT);
            return response.setComplete();
        }
        if (!compiled.allowsOrigin(request.getHeaders().getOrigin())) {
            return Mono.error(forbidden());
        }
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
            headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
            headers.remove(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
            processor.process(compiled.configuration(), exchange);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** 403 {@code cors_forbidden}. */
    static GatewayProblem forbidden() {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "cors_forbidden", "Cross-origin call not allowed",
                "This route's CORS policy does not allow this origin, method or these request headers.");
    }

    @Override
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return RouteFilter.mayHave(route, policies, PolicyType.of(CorsPolicy.class));
    }

    @Override
    public int getOrder() {
        return FilterOrder.CORS;
    }
}
