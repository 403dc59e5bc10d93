package dev.gatehouse.config.policy;

/**
 * At most {@code requests} calls per {@code window}, counted in fixed windows aligned to the epoch.
 *
 * @param requests calls allowed per window, at least 1
 * @param window   second, minute or hour
 */
public record RateLimit(long requests, RateWindow window) {
}
