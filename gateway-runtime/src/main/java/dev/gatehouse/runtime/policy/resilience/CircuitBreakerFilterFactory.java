package dev.gatehouse.runtime.policy.resilience;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.live.RouteSetup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.stereotype.Component;

/**
 * The circuit-breaker policy of a route: each attempt asks the route's breaker ({@link CircuitBreakers}) first and
 * is answered 503 {@code circuit_open} at once while it is open; 5xx answers, connection errors and timeouts count
 * as failures.
 */
@Component
public class CircuitBreakerFilterFactory implements RoutePolicyFilterFactory<CircuitBreakerPolicy, CircuitBreakerPolicy> {

    private static final Kind<CircuitBreakerPolicy, CircuitBreakerPolicy> KIND =
            new Kind<>(CircuitBreakerPolicy.class, CircuitBreakerFilterFactory::checked, FilterOrder.CIRCUIT_BREAKER);

    private final CircuitBreakers breakers;

    public CircuitBreakerFilterFactory(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Kind<CircuitBreakerPolicy, CircuitBreakerPolicy> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter filter(CircuitBreakerPolicy policy, RouteSetup route) {
        CircuitBreaker breaker = breakers.obtain(CircuitBreakers.name(route.spec(), route.service()), policy);
        return (exchange, chain) -> CircuitBreakers.guard(breaker, Mono.defer(() -> chain.filter(exchange)),
                done -> RetryFilterFactory.status(exchange));
    }

    /** The policy, once Resilience4j accepted every value of it (building its configuration checks them). */
    private static CircuitBreakerPolicy checked(CircuitBreakerPolicy policy) {
        CircuitBreakers.config(policy);
        return policy;
    }

}
