package dev.gatehouse.config.policy;

import dev.gatehouse.config.Violations;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * At most {@code requests} calls per {@code window}, counted in fixed windows aligned to the epoch.
 *
 * @param requests calls allowed per window, at least 1
 * @param window   second, minute or hour
 */
public record RateLimit(long requests, RateWindow window) {

    /** Most calls one limit may allow per window. */
    public static final long MAX_REQUESTS = 1_000_000_000L;

    /**
     * Checks the limits of a rate-limit policy or a plan, listed at {@code field}: each allows 1 to
     * {@value #MAX_REQUESTS} calls, at most one per window; {@code required} when the list may not be empty.
     */
    public static void validate(String field, List<RateLimit> limits, boolean required, Violations violations) {
        if (required && limits.isEmpty()) {
            violations.add(field, "must list at least one limit");
        }
        Set<RateWindow> windows = EnumSet.noneOf(RateWindow.class);
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            if (limit == null) {
                violations.add(field, i, "must not be null");
                continue;
            }
            Violations entry = violations.at(field, i);
            entry.range("requests", limit.requests(), 1, MAX_REQUESTS);
            if (limit.window() == null) {
                entry.add("window", "is required: second, minute or hour");
            } else if (!windows.add(limit.window())) {
                entry.add("window", "only one limit per window");
            }
        }
    }
}
