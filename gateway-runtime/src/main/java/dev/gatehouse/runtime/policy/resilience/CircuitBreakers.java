package dev.gatehouse.runtime.policy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

import org.springframework.context.event.EventListener;
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

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final Map<String, CircuitBreakerPolicy> policies = new HashMap<>();

    public CircuitBreakers(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The name of the breaker of {@code route}. */
    static String name(CompiledRoute route) {
        return route.spec().name() + "/" + route.service().name();
    }

    /** The breaker of {@code route} under {@code policy}: the existing one when its policy is unchanged. */
    synchronized CircuitBreaker obtain(CompiledRoute route, CircuitBreakerPolicy policy) {
        String name = name(route);
        if (policy.equals(policies.get(name))) {
            return registry.circuitBreaker(name);
        }
        registry.remove(name);
        policies.put(name, policy);
        return registry.circuitBreaker(name, config(policy));
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
        for (CompiledRoute route : config.compiled().values()) {
            EffectivePolicy policy = config.policies().forRoute(route.spec()).get(PolicyType.of(CircuitBreakerPolicy.class));
            if (policy != null) {
                needed.add(name(route));
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
