package dev.gatehouse.runtime.proxy;

import dev.gatehouse.runtime.scg.Forwarding;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.node.ServerPorts;
import dev.gatehouse.runtime.routing.RouteMatch;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Routes proxy-port requests with the compiled {@link dev.gatehouse.runtime.routing.RouteTable} instead of Spring
 * Cloud Gateway's linear scan of route predicates. On a match it does what SCG's {@code RoutePredicateHandlerMapping}
 * does: put the prebuilt SCG route in {@code GATEWAY_ROUTE_ATTR}, and hands the exchange to the
 * {@link ProxyHandler}, which runs the route's own filter chain. Every other proxy-port request gets a handler that fails with a
 * {@link GatewayProblem} (refused by {@link RequestTargetWebFilter}, not ready, no route), so nothing falls through
 * to other mappings. Paths are matched in their canonical form, without regard to ASCII case.
 *
 * <p>It implements {@link HandlerMapping} directly rather than extending {@code AbstractHandlerMapping}, whose CORS
 * handling would answer pre-flight requests itself: CORS belongs to the upstream unless a policy says otherwise.
 */
@Component
public class GatehouseHandlerMapping implements HandlerMapping, Ordered {

    /**
     * First: on the proxy port nothing else maps requests (no controllers, SCG's own mapping has no routes), so the
     * dispatcher asks no other mapping first; management requests, on a shared port, fall through to the actuator.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final String NAME = "GatehouseHandlerMapping";
    private static final WebHandler NOT_READY = exchange -> Mono.error(GatewayProblem.notReady());
    private static final WebHandler NO_ROUTE = exchange -> Mono.error(GatewayProblem.noRoute());

    private final LiveConfigHolder holder;
    private final ProxyHandler gateway;
    private final Mono<Object> handler;
    private final ServerPorts ports;

    public GatehouseHandlerMapping(LiveConfigHolder holder, ServerPorts ports) {
        this.holder = holder;
        this.gateway = new ProxyHandler();
        this.handler = Mono.just(gateway);
        this.ports = ports;
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        if (ports.isManagement(exchange)) {
            return Mono.empty();
        }
        GatewayProblem refused = exchange.getAttribute(RequestTargetWebFilter.REFUSED);
        if (refused != null) {
            return Mono.just((WebHandler) ex -> Mono.error(refused));
        }
        ServerHttpRequest request = exchange.getRequest();
        // canonical already: RequestTargetWebFilter replaced the raw path, so the route sees what the upstream will
        String path = request.getURI().getRawPath();
        // read the live configuration once: this request sees this configuration only, whatever swaps meanwhile
        LiveConfig config = holder.current();
        if (!config.ready()) {
            return Mono.just(NOT_READY);
        }
        RouteMatch match = config.routes().match(request.getHeaders().getFirst(HttpHeaders.HOST),
                request.getMethod().name(), path);
        if (match == null) {
            return Mono.just(NO_ROUTE);
        }
        // SCG's routing filter reads the route (its timeouts) from here; a composite route forwards nothing
        if (match.route().gatewayRoute() != null) {
            Forwarding.useRoute(exchange, match.route().gatewayRoute());
        }
        // every later step reads the route, and so the chain compiled with this configuration, from the call
        GatehouseCall.of(exchange).routed(config, match);
        return handler;
    }

    /** The handler that runs the routes' filter chains. */
    ProxyHandler proxyHandler() {
        return gateway;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
