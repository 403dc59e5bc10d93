package dev.gatehouse.runtime.policy;

import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.live.PerConsumer;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;

/**
 * The factory of a policy type that consumers and plans may carry too (request size, transform): it is resolved
 * after authentication. A route gets a filter when a policy of the type may apply to some call of it; the filter
 * finds the caller's policy in a {@link PerConsumer} map built with the route and runs {@link #filter} with it, or
 * passes the call on when none applies to that caller.
 *
 * @param <C> the policy record
 * @param <T> its compiled form
 */
public interface CallPolicyFilterFactory<C extends PolicyConfig, T> extends PolicyFilterFactory<C, T> {

    @Override
    default GatewayFilter apply(RouteSetup route) {
        Class<C> type = policyType();
        if (!route.mayHave(type)) {
            return null;
        }
        PerConsumer<T> policies = new PerConsumer<>(route, route.dependsOnConsumer(type),
                (setup, consumer) -> setup.compiled(setup.callPolicy(type, consumer)));
        if (policies.isEmpty()) {
            return null;
        }
        return (exchange, chain) -> {
            GatehouseCall call = GatehouseCall.of(exchange);
            T compiled = policies.forConsumer(call.consumerId());
            return compiled == null ? chain.filter(exchange) : filter(compiled, call, exchange, chain);
        };
    }

    /** Runs the caller's policy, compiled to {@code compiled}, on the call. */
    Mono<Void> filter(T compiled, GatehouseCall call, ServerWebExchange exchange, GatewayFilterChain chain);
}
