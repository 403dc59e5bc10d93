package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a policy is attached to. When several policies of one type apply to a call, the one with the highest
 * {@link #specificity()} wins: route+consumer, then route, then service, then consumer, then plan, then global.
 */
public enum PolicyScope {
    /** Every call. */
    @JsonProperty("global") GLOBAL(0),
    /** Calls of consumers on one plan. */
    @JsonProperty("plan") PLAN(1),
    /** Calls of one consumer. */
    @JsonProperty("consumer") CONSUMER(2),
    /** Calls to every route of one service. */
    @JsonProperty("service") SERVICE(3),
    /** Calls matching one route. */
    @JsonProperty("route") ROUTE(4),
    /** Calls of one consumer on one route. */
    @JsonProperty("route-consumer") ROUTE_CONSUMER(5);

    private final int specificity;

    PolicyScope(int specificity) {
        this.specificity = specificity;
    }

    /** Higher wins when two policies of one type apply to the same call. */
    public int specificity() {
        return specificity;
    }

    /** True when the policy can only be resolved once the caller is known (after authentication). */
    public boolean needsConsumer() {
        return this == PLAN || this == CONSUMER || this == ROUTE_CONSUMER;
    }

    /** The JSON and URL form, such as {@code route-consumer}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
