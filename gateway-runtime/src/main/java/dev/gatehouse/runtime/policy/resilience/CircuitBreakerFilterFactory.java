package dev.gatehouse.runtime.policy.resilience;

import java.util.concurrent.TimeUnit;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.RouteSetup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    /** What a breaker records for an upstream 5xx answer. */
    private static final GatewayProblem UPSTREAM_ERROR = new GatewayProblem(HttpStatus.BAD_GATEWAY,
            "upstream_error", "Upstream error", "The upstream answered with a server error.");

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
        return (exchange, chain) -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(circuitOpen(breaker));
            }
            long start = System.nanoTime();
            return chain.filter(exchange)
                    .doOnSuccess(done -> {
                        long elapsed = System.nanoTime() - start;
                        if (RetryFilterFactory.status(exchange) >= 500) {
                            breaker.onError(elapsed, TimeUnit.NANOSECONDS, UPSTREAM_ERROR);
                        } else {
                            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                        }
                    })
                    .doOnError(error -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error))
                    .doOnCancel(breaker::releasePermission);
        };
    }

    /** The policy, once Resilience4j accepted every value of it (building its configuration checks them). */
    private static CircuitBreakerPolicy checked(CircuitBreakerPolicy policy) {
        CircuitBreakers.config(policy);
        return policy;
    }

    /** 503 {@code circuit_open}, with {@code Retry-After} the breaker's open time. */
    static GatewayProblem circuitOpen(CircuitBreaker breaker) {
        long seconds = Math.max(1, (breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState().apply(1) + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "circuit_open", "Circuit open",
                "Calls to this route's upstream are suspended after repeated failures; retry later.", headers);
    }
}
