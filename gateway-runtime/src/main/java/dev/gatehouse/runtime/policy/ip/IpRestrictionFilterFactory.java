package dev.gatehouse.runtime.policy.ip;

import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The IP restriction of a route: refuses calls whose client address ({@link ClientAddress}: the peer, or
 * {@code X-Forwarded-For} behind trusted proxies only) the route's allow/deny lists do not allow, with 403
 * {@code ip_forbidden}, before any credential is looked at. Route-level scopes only, so one filter per route.
 */
@Component
public class IpRestrictionFilterFactory implements PolicyFilterFactory<IpRestrictionPolicy, IpRules> {

    @Override
    public Class<IpRestrictionPolicy> policyType() {
        return IpRestrictionPolicy.class;
    }

    @Override
    public IpRules compile(IpRestrictionPolicy policy) {
        return IpRules.compile(policy);
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        IpRules rules = route.compiled(route.routePolicy(IpRestrictionPolicy.class));
        if (rules == null) {
            return null;
        }
        return (exchange, chain) -> rules.allows(ClientAddress.of(exchange).bytes()) ? chain.filter(exchange)
                : Mono.error(forbidden());
    }

    /** 403 {@code ip_forbidden}. */
    static GatewayProblem forbidden() {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "ip_forbidden", "Address not allowed",
                "Calls from this client address are not allowed on this route.");
    }

    @Override
    public int order() {
        return FilterOrder.IP_RESTRICTION;
    }
}
