package dev.gatehouse.runtime.policy;

import dev.gatehouse.runtime.auth.AuthAttributes;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.proxy.GatehouseHandlerMapping;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;

import org.springframework.web.server.ServerWebExchange;

/**
 * What a policy filter needs to know about a routed call: the configuration it was routed with, its route and who
 * made it.
 *
 * @param config     the configuration the handler mapping routed the call with
 * @param match      the route match
 * @param consumerId the authenticated consumer's id, or null before authentication and for anonymous calls
 */
public record PolicyContext(LiveConfig config, RouteMatch match, String consumerId) {

    /** The context of a routed exchange, or null when the exchange was not routed to a Gatehouse route. */
    public static PolicyContext of(ServerWebExchange exchange) {
        LiveConfig config = exchange.getAttribute(LiveConfig.ATTRIBUTE);
        RouteMatch match = exchange.getAttribute(GatehouseHandlerMapping.MATCH_ATTRIBUTE);
        if (config == null || match == null) {
            return null;
        }
        return new PolicyContext(config, match, exchange.getAttribute(AuthAttributes.CONSUMER_ID));
    }

    /** The matched route. */
    public CompiledRoute route() {
        return match.route();
    }
}
