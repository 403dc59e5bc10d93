package dev.gatehouse.runtime.policy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.ConfigApplied;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.node.HeartbeatContributor;
import dev.gatehouse.runtime.node.HeartbeatStatus;
import dev.gatehouse.runtime.routing.CompiledRoute;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The node's Resilience4j circuit breakers, one per route and service that a circuit-breaker policy covers, named
 * {@code <route>/<service>}. A breaker keeps its state across configuration changes while its policy stays the
 * same; a changed policy starts a fresh breaker, and breakers no configuration needs any more are removed (with
 * their metrics). State and call counts are published as {@code resilience4j_circuitbreaker_*} metrics, tagged with
 * the breaker's name, and non-closed breakers are reported in heartbeats.
 */
@Component
public class CircuitBreakers implements HeartbeatContributor {

    /** What a breaker records for an upstream 5xx answer. */
    private static final GatewayProblem UPSTREAM_ERROR = new GatewayProblem(HttpStatus.BAD_GATEWAY,
            "upstream_error", "Upstream error", "The upstream answered with a server error.");

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final Map<String, CircuitBreakerPolicy> policies = new HashMap<>();

    public CircuitBreakers(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The name of the breaker of a route's calls to a service (a composite route's steps may call several). */
    public static String name(RouteSpec route, ServiceSpec service) {
        return route.name() + "/" + service.name();
    }

    /** The breaker named {@code name} under {@code policy}: the existing one when its policy is unchanged. */
    public synchronized CircuitBreaker obtain(String name, CircuitBreakerPolicy policy) {
        if (policy.equals(policies.get(name))) {
            return registry.circuitBreaker(name);
        }
        registry.remove(name);
        policies.put(name, policy);
        return registry.circuitBreaker(name, config(policy));
    }

    /**
     * One attempt through {@code breaker}: refused at once with 503 {@code circuit_open} while the breaker is open;
     * otherwise run, and counted a failure when it fails (connection errors, timeouts) or answers 5xx
     * ({@code status} of what it emitted, or of nothing for an empty attempt), a success otherwise; an attempt
     * cancelled before it ended gives its permission back.
     */
    public static <T> Mono<T> guard(CircuitBreaker breaker, Mono<T> attempt, ToIntFunction<T> status) {
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(circuitOpen(breaker));
            }
            long start = System.nanoTime();
            return attempt
                    .doOnSuccess(done -> {
                        long elapsed = System.nanoTime() - start;
                        if (status.applyAsInt(done) >= 500) {
                            breaker.onError(elapsed, TimeUnit.NANOSECONDS, UPSTREAM_ERROR);
                        } else {
                            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                        }
                    })
                    .doOnError(error -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error))
                    .doOnCancel(breaker::releasePermission);
        });
    }

    /** 503 {@code circuit_open}, with {@code Retry-After} the breaker's open time. */
    public static GatewayProblem circuitOpen(CircuitBreaker breaker) {
        long seconds = Math.max(1, (breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState().apply(1) + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "circuit_open", "Circuit open",
                "Calls to this route's upstream are suspended after repeated failures; retry later.", headers);
    }

    static CircuitBreakerConfig config(CircuitBreakerPolicy policy) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowSize())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRateThreshold())
                .waitDurationInOpenState(Duration.ofMillis(policy.openStateMs()))
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                // a target the node refuses (SSRF defence) is a configuration fault, not an upstream failure: it
                // must keep answering 502 target_forbidden rather than open the breaker and hide behind 503
                .ignoreException(CircuitBreakers::isForbiddenTarget)
                .build();
    }

    private static boolean isForbiddenTarget(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayProblem problem && GatewayProblem.TARGET_FORBIDDEN.equals(problem.code())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the breakers of routes that no longer have a circuit-breaker policy. */
    @EventListener
    void onConfigApplied(ConfigApplied applied) {
        retain(applied.config());
    }

    synchronized void retain(LiveConfig config) {
        Set<String> needed = new HashSet<>();
        PolicyType type = PolicyType.of(CircuitBreakerPolicy.class);
        for (CompiledRoute route : config.compiled().values()) {
            if (route.spec().isComposite()) {
                // each step's service has the breaker its service or global policy gives it
                for (String serviceId : route.spec().serviceIds()) {
                    ServiceSpec service = config.state().services().get(serviceId);
                    if (service != null && config.policies().forService(serviceId).get(type) != null) {
                        needed.add(name(route.spec(), service));
                    }
                }
            } else if (config.policies().forRoute(route.spec()).get(type) != null) {
                needed.add(name(route.spec(), route.service()));
            }
        }
        for (String name : Set.copyOf(policies.keySet())) {
            if (!needed.contains(name)) {
                policies.remove(name);
                registry.remove(name);
            }
        }
    }

    @Override
    public void contribute(HeartbeatStatus heartbeat) {
        heartbeat.circuits(notClosed());
    }

    /** Breakers that are not closed, by name, with their state ({@code OPEN}, {@code HALF_OPEN}, ...). */
    public Map<String, String> notClosed() {
        Map<String, String> out = new TreeMap<>();
        registry.getAllCircuitBreakers().forEach(breaker -> {
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                out.put(breaker.getName(), breaker.getState().name());
            }
        });
        return out;
    }
}
