package dev.gatehouse.runtime.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on client connections to the proxy port, bound from {@code gatehouse.connections.*} (environment variables
 * {@code GATEHOUSE_CONNECTIONS_*}). They bound what a slow, idle or greedy client can hold on a node: without them a
 * few thousand connections dribbling their headers keep the node's sockets and memory forever (slowloris). The
 * management port is not limited: a flood on the proxy port must not stop health probes and metrics.
 * See {@code docs/security/node-connections.md}.
 *
 * @param headerTimeout  longest time from a connection's opening (or a new request's first byte) until the request
 *                       line and headers are complete; a client still sending them is disconnected (default 10 s)
 * @param idleTimeout    longest time a keep-alive connection waits for its next request (default 60 s)
 * @param bodyTimeout    longest pause between two reads of a request body; a stalled upload is cut off
 *                       (default 30 s)
 * @param maxConnections most client connections open on the proxy port at once; further ones are closed as soon as
 *                       they are accepted (default 10,000)
 */
@ConfigurationProperties("gatehouse.connections")
public record ConnectionProperties(Duration headerTimeout, Duration idleTimeout, Duration bodyTimeout,
                                   Integer maxConnections) {

    public ConnectionProperties {
        headerTimeout = positive("header-timeout", headerTimeout, Duration.ofSeconds(10));
        idleTimeout = positive("idle-timeout", idleTimeout, Duration.ofSeconds(60));
        bodyTimeout = positive("body-timeout", bodyTimeout, Duration.ofSeconds(30));
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("gatehouse.connections.max-connections (GATEHOUSE_CONNECTIONS_MAX_"
                    + "CONNECTIONS) must be at least 1, not " + maxConnections);
        }
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gatehouse.connections." + name + " must be positive, not " + value);
        }
        return value;
    }
}
