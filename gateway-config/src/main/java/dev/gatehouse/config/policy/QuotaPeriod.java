package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Calendar periods a quota counts in (UTC). */
public enum QuotaPeriod {
    @JsonProperty("day") DAY,
    @JsonProperty("month") MONTH
}
