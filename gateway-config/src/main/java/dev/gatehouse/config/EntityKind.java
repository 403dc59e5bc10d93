package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of published configuration objects. */
public enum EntityKind {
    /** An upstream API with its targets. */
    @JsonProperty("service") SERVICE,
    /** A rule that sends matching requests to a service. */
    @JsonProperty("route") ROUTE,
    /** Who calls. */
    @JsonProperty("consumer") CONSUMER,
    /** A tier consumers belong to. */
    @JsonProperty("plan") PLAN,
    /** An API key of a consumer (hash only). */
    @JsonProperty("key") KEY,
    /** A traffic policy attached to a scope. */
    @JsonProperty("policy") POLICY,
    /** Settings shared by the whole cluster. */
    @JsonProperty("settings") SETTINGS
}
