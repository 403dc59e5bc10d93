package dev.gatehouse.runtime.policy.cors;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.config.policy.CorsPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
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
public class CorsFilterFactory implements RoutePolicyFilterFactory<CorsPolicy, CorsRules> {

    private static final Kind<CorsPolicy, CorsRules> KIND =
            new Kind<>(CorsPolicy.class, CorsRules::compile, FilterOrder.CORS);

    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    @Override
    public Kind<CorsPolicy, CorsRules> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter filter(CorsRules rules, RouteSetup route) {
        return (exchange, chain) -> filter(rules, exchange, chain);
    }

    private Mono<Void> filter(CorsRules compiled, ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
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
}
