package dev.gatehouse.runtime.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.runtime.live.LiveConfig;

/**
 * Compiled {@link CallLimits} per route and consumer, for one {@link LiveConfig}: the first call of a pair after a
 * configuration swap compiles, later calls look it up in two hash maps. A new configuration starts a new cache
 * (limits and plans may have changed); counters live elsewhere and survive swaps.
 */
final class LimitCache {

    private static final String ANONYMOUS = "";

    private final String prefix;
    private volatile Compiled compiled = new Compiled(null);

    LimitCache(String prefix) {
        this.prefix = prefix;
    }

    private record Compiled(LiveConfig config, ConcurrentHashMap<String, ConcurrentHashMap<String, CallLimits>> routes) {
        Compiled(LiveConfig config) {
            this(config, new ConcurrentHashMap<>());
        }
    }

    /** The limits of a call to {@code route} by {@code consumerId} (null: anonymous) under {@code config}. */
    CallLimits forCall(LiveConfig config, RouteSpec route, String consumerId) {
        Compiled current = compiled;
        if (current.config() != config) {
            current = new Compiled(config);
            compiled = current;
        }
        ConcurrentHashMap<String, CallLimits> byConsumer = current.routes()
                .computeIfAbsent(route.id(), id -> new ConcurrentHashMap<>());
        String who = consumerId == null ? ANONYMOUS : consumerId;
        CallLimits limits = byConsumer.get(who);
        if (limits == null) {
            ConsumerSpec consumer = consumerId == null ? null : config.state().consumers().get(consumerId);
            limits = byConsumer.computeIfAbsent(who,
                    c -> CallLimits.compile(config.policies(), route, consumer, prefix));
        }
        return limits;
    }
}
