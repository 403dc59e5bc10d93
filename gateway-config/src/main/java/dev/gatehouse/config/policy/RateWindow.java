package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fixed windows a rate limit counts in. */
public enum RateWindow {
    @JsonProperty("second") SECOND(1),
    @JsonProperty("minute") MINUTE(60),
    @JsonProperty("hour") HOUR(3_600);

    private final int seconds;

    RateWindow(int seconds) {
        this.seconds = seconds;
    }

    /** Length of the window. */
    public int seconds() {
        return seconds;
    }
}
