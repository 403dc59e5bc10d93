package dev.gatehouse.runtime.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.PerConfiguration;
import dev.gatehouse.runtime.routing.CompiledRoute;

/**
 * The compiled form of one policy type, per route (and per route and consumer), for the live configuration. A
 * policy is compiled the first time a route is called under a configuration and reused by every later call; a new
 * configuration starts a new generation, so nothing compiled for an older one is ever used with a newer one.
 *
 * <p>Requests still running on the previous configuration while a swap happens get their policies compiled without
 * being cached: they never replace the newer generation.
 *
 * @param <T> the compiled form; the compiler returns {@code null} when no policy of the type applies
 */
public final class PolicyCache<T> {

    /** Calls per (route, consumer) cached at most per configuration; beyond that they are compiled per call. */
    static final int MAX_CALL_ENTRIES = 50_000;

    private static final Object NONE = new Object();

    private final PolicyType type;
    private final BiFunction<EffectivePolicy, CompiledRoute, T> compiler;
    private final PerConfiguration<Generation> generations = new PerConfiguration<>(Generation::new);

    /**
     * @param type     the policy type this cache compiles
     * @param compiler compiles the effective policy of {@code type} for a route; never called with a null policy
     */
    public PolicyCache(PolicyType type, BiFunction<EffectivePolicy, CompiledRoute, T> compiler) {
        this.type = type;
        this.compiler = compiler;
    }

    private static final class Generation {
        final Map<String, Object> byRoute = new ConcurrentHashMap<>();
        /** Route id to consumer id to compiled policy: two lookups, no key built per call. */
        final Map<String, Map<String, Object>> byCall = new ConcurrentHashMap<>();
        final AtomicInteger callEntries = new AtomicInteger();
    }

    /** The compiled policy that applies to every call of {@code route}, or null when none does. */
    public T forRoute(LiveConfig config, CompiledRoute route) {
        Generation g = generations.of(config);
        if (g == null) {
            return compile(config.policies().forRoute(route.spec()).get(type), route);
        }
        return unwrap(g.byRoute.computeIfAbsent(route.spec().id(),
                id -> wrap(compile(config.policies().forRoute(route.spec()).get(type), route))));
    }

    /**
     * The compiled policy that applies to a call of {@code route} by the consumer with id {@code consumerId}
     * (null when anonymous: then the route's own policy), or null when none does.
     */
    public T forCall(LiveConfig config, CompiledRoute route, String consumerId) {
        ConsumerSpec consumer = consumerId == null ? null : config.state().consumers().get(consumerId);
        if (consumer == null) {
            return forRoute(config, route);
        }
        Generation g = generations.of(config);
        Map<String, Object> byConsumer = g == null ? null
                : g.byCall.computeIfAbsent(route.spec().id(), id -> new ConcurrentHashMap<>());
        Object cached = byConsumer == null ? null : byConsumer.get(consumerId);
        if (cached != null) {
            return unwrap(cached);
        }
        T compiled = compile(config.policies().forCall(route.spec(), consumer).get(type), route);
        if (byConsumer != null && g.callEntries.get() < MAX_CALL_ENTRIES
                && byConsumer.putIfAbsent(consumerId, wrap(compiled)) == null) {
            g.callEntries.incrementAndGet();
        }
        return compiled;
    }

    private T compile(EffectivePolicy policy, CompiledRoute route) {
        return policy == null ? null : compiler.apply(policy, route);
    }

    private static Object wrap(Object value) {
        return value == null ? NONE : value;
    }

    @SuppressWarnings("unchecked")
    private T unwrap(Object value) {
        return value == NONE ? null : (T) value;
    }
}
