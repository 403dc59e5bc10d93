package dev.gatehouse.runtime.live;

/**
 * Published after a new configuration has been swapped in.
 *
 * @param config   the configuration now served
 * @param previous the one it replaced
 */
public record ConfigApplied(LiveConfig config, LiveConfig previous) {
}
