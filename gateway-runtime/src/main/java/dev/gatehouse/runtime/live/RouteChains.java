package dev.gatehouse.runtime.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.config.policy.PolicyType;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds each route's filter chain when a configuration is compiled: the node's global filters (Spring Cloud
 * Gateway's forwarding filters and Gatehouse's own steps that every call takes) and the filters the route's
 * {@link RouteFilterFactory factories} return for it, in {@link dev.gatehouse.runtime.FilterOrder}. A chain is made
 * of linked, immutable links, so a request allocates no chain objects and steps only through its route's filters.
 *
 * <p>It takes the place of SCG's {@code FilteringWebHandler}, which walks every global filter for every request
 * (each wrapped in an adapter, an ordered wrapper and a {@code Mono.defer}); see ADR 006 and ADR 008.
 */
@org.springframework.stereotype.Component
public final class RouteChains {

    private record Step(int order, GatewayFilter filter, Object source) {
    }

    private final List<Step> global;
    private final List<RouteFilterFactory> factories;
    private final Map<PolicyType, PolicyFilterFactory<?, ?>> policyFactories;

    /**
     * @param globalFilters every global filter of the node; SCG's {@link NettyWriteResponseFilter} is left out,
     *                      Gatehouse's response writer does its work
     * @param factories     the route filter factories (policies, authentication)
     */
    public RouteChains(List<GlobalFilter> globalFilters, List<RouteFilterFactory> factories) {
        List<Step> steps = new ArrayList<>();
        for (GlobalFilter filter : globalFilters) {
            if (!(filter instanceof NettyWriteResponseFilter)) {
                steps.add(new Step(orderOf(filter), filter::filter, filter));
            }
        }
        steps.sort(Comparator.comparingInt(Step::order));
        this.global = List.copyOf(steps);
        this.factories = List.copyOf(factories);
        Map<PolicyType, PolicyFilterFactory<?, ?>> byType = new HashMap<>();
        for (RouteFilterFactory factory : factories) {
            if (factory instanceof PolicyFilterFactory<?, ?> policy
                    && byType.put(PolicyType.of(policy.policyType()), policy) != null) {
                throw new IllegalStateException("two factories for " + policy.policyType().getSimpleName());
            }
        }
        this.policyFactories = Map.copyOf(byType);
    }

    private static int orderOf(GlobalFilter filter) {
        Integer order = OrderUtils.getOrder(filter.getClass());
        return filter instanceof org.springframework.core.Ordered ordered ? ordered.getOrder()
                : order != null ? order : org.springframework.core.Ordered.LOWEST_PRECEDENCE;
    }

    /** The factory of each policy type this node enforces. */
    public Map<PolicyType, PolicyFilterFactory<?, ?>> policyFactories() {
        return policyFactories;
    }

    /** Compiles every policy of {@code state}; refuses the configuration when one cannot be. */
    CompiledPolicies compilePolicies(ConfigState state) {
        return state.policies().isEmpty() && state.plans().isEmpty() ? CompiledPolicies.none()
                : CompiledPolicies.compile(state, policyFactories);
    }

    /**
     * The chain of one route. A composite route's chain holds only the steps ordered after the response writer and
     * up to {@link FilterOrder#COMPOSITE}, whose filter answers the call: it forwards nothing, so the forwarding
     * steps (global ones and the factories ordered after it: timeout, retry, breaker) are left out and not asked.
     *
     * @throws IllegalArgumentException when a factory cannot compile what the route needs
     */
    public Chain build(RouteSetup route) {
        boolean composite = route.spec().isComposite();
        List<Step> steps = new ArrayList<>();
        for (Step step : global) {
            if (!composite || isBeforeComposite(step.order())) {
                steps.add(step);
            }
        }
        boolean answered = false;
        for (RouteFilterFactory factory : factories) {
            if (composite && !isBeforeComposite(factory.order()) && factory.order() != FilterOrder.COMPOSITE) {
                continue;
            }
            GatewayFilter filter = factory.apply(route);
            if (filter != null) {
                steps.add(new Step(factory.order(), filter, filter));
                answered |= factory.order() == FilterOrder.COMPOSITE;
            }
        }
        if (composite && !answered) {
            throw new IllegalArgumentException("this node cannot run composite routes");
        }
        // stable: a route filter runs after a global filter of the same order
        steps.sort(Comparator.comparingInt(Step::order));
        Chain chain = Chain.END;
        for (int i = steps.size() - 1; i >= 0; i--) {
            chain = new Chain(steps.get(i).filter(), steps.get(i).source(), chain);
        }
        return chain;
    }

    private static boolean isBeforeComposite(int order) {
        return order > FilterOrder.RESPONSE_WRITE && order < FilterOrder.COMPOSITE;
    }

    /** One step of a chain: its filter and the rest of the chain; the end of every chain has no filter. */
    public static final class Chain implements GatewayFilterChain {

        static final Chain END = new Chain(null, null, null);

        private final GatewayFilter filter;
        private final Object source;
        private final Chain next;

        private Chain(GatewayFilter filter, Object source, Chain next) {
            this.filter = filter;
            this.source = source;
            this.next = next;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return filter == null ? Mono.empty() : filter.filter(exchange, next);
        }

        /** The filters of this chain, first to last: the global filter or the route filter of each step. */
        public List<Object> filters() {
            List<Object> out = new ArrayList<>();
            for (Chain link = this; link.filter != null; link = link.next) {
                out.add(link.source);
            }
            return out;
        }
    }
}
