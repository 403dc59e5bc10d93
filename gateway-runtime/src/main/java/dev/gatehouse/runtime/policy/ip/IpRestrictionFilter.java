package dev.gatehouse.runtime.policy.ip;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyCache;
import dev.gatehouse.runtime.policy.PolicyContext;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses calls whose client address ({@link ClientAddress}: the peer, or {@code X-Forwarded-For} behind trusted
 * proxies only) the route's IP restriction does not allow, with 403 {@code ip_forbidden}, before any credential is
 * looked at.
 */
@Component
public class IpRestrictionFilter implements RouteFilter, Ordered {

    private final PolicyCache<IpRules> rules = new PolicyCache<>(PolicyType.of(IpRestrictionPolicy.class),
            (policy, route) -> IpRules.compile((IpRestrictionPolicy) policy.config()));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PolicyContext context = PolicyContext.of(exchange);
        IpRules compiled = context == null ? null : rules.forRoute(context.config(), context.route());
        if (compiled != null && !compiled.allows(ClientAddress.of(exchange).bytes())) {
            return Mono.error(forbidden());
        }
        return chain.filter(exchange);
    }

    /** 403 {@code ip_forbidden}. */
    static GatewayProblem forbidden() {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "ip_forbidden", "Address not allowed",
                "Calls from this client address are not allowed on this route.");
    }

    @Override
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return RouteFilter.mayHave(route, policies, PolicyType.of(IpRestrictionPolicy.class));
    }

    @Override
    public int getOrder() {
        return FilterOrder.IP_RESTRICTION;
    }
}
