package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a quota counts all keys of a consumer together or each key on its own. */
public enum QuotaKey {
    @JsonProperty("consumer") CONSUMER,
    @JsonProperty("key") KEY
}
