package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a route requires of a caller before the call is forwarded. */
public enum AuthMode {
    /** Anonymous access: anyone may call. */
    @JsonProperty("none") NONE,
    /** An API key issued to an active consumer. */
    @JsonProperty("key") KEY,
    /** A signed JSON Web Token whose claim names a consumer. */
    @JsonProperty("jwt") JWT
}
