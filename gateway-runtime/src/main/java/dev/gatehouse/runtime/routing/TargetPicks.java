package dev.gatehouse.runtime.routing;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the counted target of a proxied call on its exchange so that a retry's new pick releases the previous
 * attempt's target and the end of the call releases the last one: each counted pick is released exactly once.
 */
public final class TargetPicks {

    private static final String ATTRIBUTE = TargetPicks.class.getName() + ".target";

    private TargetPicks() {
    }

    /** Picks the target of this call's next attempt, releasing the previous attempt's; its origin. */
    public static String pick(Balancer balancer, ServerWebExchange exchange) {
        UpstreamTarget target = balancer.pick(exchange);
        if (balancer.countsCalls()) {
            Object previous = exchange.getAttributes().put(ATTRIBUTE, target);
            if (previous instanceof UpstreamTarget earlier) {
                earlier.release();
            }
        }
        return target.origin();
    }

    /** Releases the call's counted target, if any; safe to call more than once. */
    public static void release(ServerWebExchange exchange) {
        if (exchange.getAttributes().remove(ATTRIBUTE) instanceof UpstreamTarget target) {
            target.release();
        }
    }
}
