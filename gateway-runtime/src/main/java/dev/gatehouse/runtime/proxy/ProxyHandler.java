package dev.gatehouse.runtime.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.PerConfiguration;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Runs a routed request through its route's filter chain: the node's global filters (Spring Cloud Gateway's
 * forwarding filters and Gatehouse's) in {@link dev.gatehouse.runtime.FilterOrder}, minus every {@link RouteFilter}
 * that has no work on that route. The chain is built once per route and configuration from linked, immutable
 * links, so a request allocates no chain objects and steps only through the filters its route uses.
 *
 * <p>It takes the place of SCG's {@code FilteringWebHandler} for Gatehouse routes: that handler walks every global
 * filter for every request (each wrapped in an adapter, an ordered wrapper and a {@code Mono.defer}), and Gatehouse
 * routes carry no route-level SCG filters. See {@code docs/adr/006-route-filter-chains.md}.
 */
public final class ProxyHandler implements WebHandler {

    private final List<GlobalFilter> filters;
    /** Route id to its chain, for the newest configuration. */
    private final PerConfiguration<Map<String, Link>> chains = new PerConfiguration<>(ConcurrentHashMap::new);

    /**
     * @param filters every global filter of the node, in any order; SCG's {@link NettyWriteResponseFilter} is left
     *                out, {@link ResponseWriteFilter} does its work
     */
    public ProxyHandler(List<GlobalFilter> filters) {
        List<GlobalFilter> sorted = new ArrayList<>(filters);
        sorted.removeIf(NettyWriteResponseFilter.class::isInstance);
        AnnotationAwareOrderComparator.sort(sorted);
        this.filters = List.copyOf(sorted);
    }

    /** One step of a chain: its filter and the rest of the chain; the end of every chain has no filter. */
    static final class Link implements GatewayFilterChain {

        private static final Link END = new Link(null, null);

        private final GlobalFilter filter;
        private final Link next;

        private Link(GlobalFilter filter, Link next) {
            this.filter = filter;
            this.next = next;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return filter == null ? Mono.empty() : filter.filter(exchange, next);
        }

        /** The filters of this chain, first to last. */
        List<GlobalFilter> filters() {
            List<GlobalFilter> out = new ArrayList<>();
            for (Link link = this; link.filter != null; link = link.next) {
                out.add(link.filter);
            }
            return out;
        }
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        LiveConfig config = exchange.getAttribute(LiveConfig.ATTRIBUTE);
        RouteMatch match = exchange.getAttribute(GatehouseHandlerMapping.MATCH_ATTRIBUTE);
        return chain(config, match.route()).filter(exchange);
    }

    /** The chain of {@code route} under {@code config}, built on its first call. */
    Link chain(LiveConfig config, CompiledRoute route) {
        Map<String, Link> byRoute = chains.of(config);
        return byRoute == null ? build(config, route)
                : byRoute.computeIfAbsent(route.spec().id(), id -> build(config, route));
    }

    private Link build(LiveConfig config, CompiledRoute route) {
        Link chain = Link.END;
        for (int i = filters.size() - 1; i >= 0; i--) {
            GlobalFilter filter = filters.get(i);
            if (!(filter instanceof RouteFilter conditional)
                    || conditional.appliesTo(route.spec(), config.policies())) {
                chain = new Link(filter, chain);
            }
        }
        return chain;
    }
}
