package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a rate limit counts separately: each consumer, each key, each client address, the route, or a header. */
public enum RateLimitKey {
    @JsonProperty("consumer") CONSUMER,
    @JsonProperty("key") KEY,
    @JsonProperty("client-ip") CLIENT_IP,
    @JsonProperty("route") ROUTE,
    @JsonProperty("header") HEADER
}
