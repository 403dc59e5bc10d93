package dev.gatehouse.config.policy;

/**
 * Rewrites the forwarded path by template: {@code /v1/orders/{id}} to {@code /orders/{id}}. Each {@code {name}}
 * matches one path segment; every variable of {@code to} must appear in {@code from}. Paths that do not match
 * {@code from} are forwarded unchanged.
 *
 * @param from template the incoming path is matched against
 * @param to   template of the forwarded path
 */
public record PathRewrite(String from, String to) {
}
