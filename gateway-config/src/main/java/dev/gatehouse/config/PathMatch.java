package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a route's paths are compared with a request path. */
public enum PathMatch {
    /** The request path equals the route path or continues it after a {@code /} segment boundary. */
    @JsonProperty("prefix") PREFIX,
    /** The request path equals the route path. */
    @JsonProperty("exact") EXACT
}
