package dev.gatehouse.config;

/**
 * One reason a configuration value is refused.
 *
 * @param field   path of the offending field, such as {@code targets[0].port}
 * @param message what is wrong, written for the person who entered the value
 */
public record Violation(String field, String message) {
}
