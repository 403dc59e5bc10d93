package dev.gatehouse.admin.upstream;

/**
 * One target as a client submits it.
 *
 * @param host   host name or IP address, required
 * @param port   TCP port, required
 * @param weight share of traffic, default {@value dev.gatehouse.config.TargetSpec#DEFAULT_WEIGHT}
 */
public record TargetRequest(String host, Integer port, Integer weight) {
}
