package dev.gatehouse.config;

/**
 * One upstream instance of a service.
 *
 * @param host   host name or IP address the gateway connects to
 * @param port   TCP port, 1 to 65535
 * @param weight share of traffic relative to the service's other targets, 1 to 1000
 */
public record TargetSpec(String host, int port, int weight) {

    /** Weight given to a target when none is stated. */
    public static final int DEFAULT_WEIGHT = 100;
}
