package dev.gatehouse.runtime.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import dev.gatehouse.config.ConsumerSpec;

/**
 * Something in one route's filter that depends on who calls (a consumer's or plan's policy): what anonymous
 * callers get is built with the route's filter, each consumer's on its first call, in a map bounded to
 * {@value #MAX_CONSUMERS} consumers per route (beyond that, built per call). Policies are compiled before any route
 * ({@link PolicyFilterFactory}), so building one here cannot fail. Made afresh with each configuration, so nothing
 * built for one configuration is used with another.
 *
 * @param <T> what is built; null when nothing applies
 */
public final class PerConsumer<T> {

    /** Consumers kept per route; the rest are built per call. */
    static final int MAX_CONSUMERS = 10_000;

    private static final Object NONE = new Object();

    private final RouteSetup route;
    private final BiFunction<RouteSetup, ConsumerSpec, T> build;
    private final T anonymous;
    private final ConcurrentHashMap<String, Object> byConsumer;

    /**
     * @param route             the route being compiled
     * @param dependsOnConsumer false when every caller gets the same (then no map is kept)
     * @param build             builds for a consumer (null: anonymous); may return null
     */
    public PerConsumer(RouteSetup route, boolean dependsOnConsumer, BiFunction<RouteSetup, ConsumerSpec, T> build) {
        this.route = route;
        this.build = build;
        this.anonymous = build.apply(route, null);
        this.byConsumer = dependsOnConsumer ? new ConcurrentHashMap<>() : null;
    }

    /** True when nothing applies to any caller, so the route needs no filter for it. */
    public boolean isEmpty() {
        return anonymous == null && byConsumer == null;
    }

    /** What applies to a call by the consumer with id {@code consumerId} (null: anonymous). */
    public T forConsumer(String consumerId) {
        if (consumerId == null || byConsumer == null) {
            return anonymous;
        }
        Object cached = byConsumer.get(consumerId);
        if (cached != null) {
            return unwrap(cached);
        }
        ConsumerSpec consumer = route.state().consumers().get(consumerId);
        T built = consumer == null ? anonymous : build.apply(route, consumer);
        if (byConsumer.size() < MAX_CONSUMERS) {
            byConsumer.putIfAbsent(consumerId, built == null ? NONE : built);
        }
        return built;
    }

    @SuppressWarnings("unchecked")
    private T unwrap(Object value) {
        return value == NONE ? null : (T) value;
    }
}
