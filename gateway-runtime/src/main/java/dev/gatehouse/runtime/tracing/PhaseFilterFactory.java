package dev.gatehouse.runtime.tracing;

import java.util.function.Function;

import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Marks a boundary between the phases of a route's chain: a step, placed at {@code order} when the route is
 * compiled, that ends the phase span open now and starts the next one (or none). A phase is the stretch of the
 * chain before the call is passed on, which a filter wrapping the rest of the chain could not time (its
 * {@code Mono} ends with the upstream's answer). Routes get a marker only where tracing is on and the phase has
 * work (an auth step, a policy that may apply), so a route without tracing has no extra step at all.
 */
final class PhaseFilterFactory implements RouteFilterFactory {

    private final Tracing tracing;
    private final int order;
    private final Function<RouteSetup, Phase> phase;

    /** What a marker does on a route: ends the phase open now and starts {@code next} (null: none). */
    record Phase(String next) {
        static final Phase END = new Phase(null);
    }

    /**
     * @param order where the marker runs in the chain
     * @param phase what it does on a route, or null where the route needs no marker here
     */
    PhaseFilterFactory(Tracing tracing, int order, Function<RouteSetup, Phase> phase) {
        this.tracing = tracing;
        this.order = order;
        this.phase = phase;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        if (!tracing.enabled()) {
            return null;
        }
        Phase marker = phase.apply(route);
        if (marker == null) {
            return null;
        }
        String next = marker.next();
        return (exchange, chain) -> {
            CallSpans spans = CallSpans.of(exchange);
            if (spans != null) {
                spans.phase(next);
            }
            return chain.filter(exchange);
        };
    }

    @Override
    public String toString() {
        return "PhaseFilterFactory[" + order + "]";
    }
}
