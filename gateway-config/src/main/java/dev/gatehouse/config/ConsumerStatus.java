package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a consumer may call. */
public enum ConsumerStatus {
    /** Its keys and tokens work. */
    @JsonProperty("active") ACTIVE,
    /** Every key and token of the consumer is refused until it is made active again. */
    @JsonProperty("suspended") SUSPENDED
}
