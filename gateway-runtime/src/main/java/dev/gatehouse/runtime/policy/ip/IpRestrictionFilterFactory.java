package dev.gatehouse.runtime.policy.ip;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.error.GatewayProblem;
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
public class IpRestrictionFilterFactory implements RoutePolicyFilterFactory<IpRestrictionPolicy, IpRules> {

    private static final Kind<IpRestrictionPolicy, IpRules> KIND =
            new Kind<>(IpRestrictionPolicy.class, IpRules::compile, FilterOrder.IP_RESTRICTION);

    @Override
    public Kind<IpRestrictionPolicy, IpRules> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter filter(IpRules rules, RouteSetup route) {
        return (exchange, chain) -> rules.allows(ClientAddress.of(exchange).bytes()) ? chain.filter(exchange)
                : Mono.error(forbidden());
    }

    /** 403 {@code ip_forbidden}. */
    static GatewayProblem forbidden() {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "ip_forbidden", "Address not allowed",
                "Calls from this client address are not allowed on this route.");
    }
}
