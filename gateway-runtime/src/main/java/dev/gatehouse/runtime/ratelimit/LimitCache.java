package dev.gatehouse.runtime.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.PerConfiguration;

/**
 * Compiled {@link CallLimits} per route and consumer, for the newest {@link LiveConfig} (see {@link PerConfiguration}):
 * the first call of a pair after a configuration swap compiles, later calls look it up in two hash maps. A new
 * configuration starts a new cache (limits and plans may have changed); counters live elsewhere and survive swaps.
 */
final class LimitCache {

    private static final String ANONYMOUS = "";

    private final String prefix;
    /** Route id to consumer id ("" for anonymous) to limits, for the newest configuration. */
    private final PerConfiguration<ConcurrentHashMap<String, ConcurrentHashMap<String, CallLimits>>> compiled =
            new PerConfiguration<>(ConcurrentHashMap::new);

    LimitCache(String prefix) {
        this.prefix = prefix;
    }

    /** The limits of a call to {@code route} by {@code consumerId} (null: anonymous) under {@code config}. */
    CallLimits forCall(LiveConfig config, RouteSpec route, String consumerId) {
        ConcurrentHashMap<String, ConcurrentHashMap<String, CallLimits>> routes = compiled.of(config);
        if (routes == null) {
            // a call still running on an older configuration during a swap: compiled for it, not kept
            return compile(config, route, consumerId);
        }
        ConcurrentHashMap<String, CallLimits> byConsumer =
                routes.computeIfAbsent(route.id(), id -> new ConcurrentHashMap<>());
        String who = consumerId == null ? ANONYMOUS : consumerId;
        CallLimits limits = byConsumer.get(who);
        if (limits == null) {
            limits = byConsumer.computeIfAbsent(who, c -> compile(config, route, consumerId));
        }
        return limits;
    }

    private CallLimits compile(LiveConfig config, RouteSpec route, String consumerId) {
        ConsumerSpec consumer = consumerId == null ? null : config.state().consumers().get(consumerId);
        return CallLimits.compile(config.policies(), route, consumer, prefix);
    }
}
