package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Protocol the gateway speaks to a service's targets. */
public enum Protocol {
    /** Plain HTTP/1.1. */
    @JsonProperty("http") HTTP,
    /** HTTP/1.1 over TLS. */
    @JsonProperty("https") HTTPS;

    /** The URI scheme for this protocol. */
    public String scheme() {
        return this == HTTPS ? "https" : "http";
    }
}
