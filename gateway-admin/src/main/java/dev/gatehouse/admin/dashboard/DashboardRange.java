package dev.gatehouse.admin.dashboard;

import java.time.Duration;

/** The ranges the dashboard offers, each with a step that gives 15 to 170 points per chart. */
enum DashboardRange {

    LAST_15_MINUTES("15m", Duration.ofMinutes(15), "1m"),
    LAST_HOUR("1h", Duration.ofHours(1), "1m"),
    LAST_DAY("24h", Duration.ofHours(24), "15m"),
    LAST_WEEK("7d", Duration.ofDays(7), "1h");

    private final String key;
    private final Duration length;
    private final String stepText;

    DashboardRange(String key, Duration length, String stepText) {
        this.key = key;
        this.length = length;
        this.stepText = stepText;
    }

    /** The range a request names, or the last hour for none or an unknown one. */
    static DashboardRange named(String key) {
        for (DashboardRange range : values()) {
            if (range.key.equals(key)) {
                return range;
            }
        }
        return LAST_HOUR;
    }

    /** The query value and message key suffix: {@code 15m}, {@code 1h}, {@code 24h}, {@code 7d}. */
    public String getKey() {
        return key;
    }

    Duration length() {
        return length;
    }

    String stepText() {
        return stepText;
    }

    Duration step() {
        return switch (stepText) {
            case "1m" -> Duration.ofMinutes(1);
            case "15m" -> Duration.ofMinutes(15);
            default -> Duration.ofHours(1);
        };
    }
}
