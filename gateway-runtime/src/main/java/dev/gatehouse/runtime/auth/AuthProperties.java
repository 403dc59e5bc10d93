package dev.gatehouse.runtime.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Node-local settings of authentication, bound from {@code gatehouse.auth.*}.
 *
 * @param bruteForce how repeated failed authentication from one client address is slowed down
 * @param jwks       how JWK sets named by URL are fetched and cached
 */
@ConfigurationProperties("gatehouse.auth")
public record AuthProperties(BruteForce bruteForce, Jwks jwks) {

    public AuthProperties {
        bruteForce = bruteForce == null ? new BruteForce(true, 20, null, null, 100_000) : bruteForce;
        jwks = jwks == null ? new Jwks(null, null, null, 0) : jwks;
    }

    /**
     * Brute-force protection ({@code gatehouse.auth.brute-force.*}).
     *
     * @param enabled           whether it is on (default true)
     * @param maxFailures       failed attempts from one address within {@code window} that start a block (default 20)
     * @param window            length of the counting window (default 60 s)
     * @param block             how long a blocked address gets 429 {@code too_many_auth_failures} (default 60 s)
     * @param maxTrackedClients addresses tracked at most; beyond it new addresses are not counted (default 100,000)
     */
    public record BruteForce(Boolean enabled, int maxFailures, Duration window, Duration block, int maxTrackedClients) {

        public BruteForce {
            enabled = enabled == null || enabled;
            maxFailures = maxFailures <= 0 ? 20 : maxFailures;
            window = window == null ? Duration.ofSeconds(60) : window;
            block = block == null ? Duration.ofSeconds(60) : block;
            maxTrackedClients = maxTrackedClients <= 0 ? 100_000 : maxTrackedClients;
        }
    }

    /**
     * JWKS fetching ({@code gatehouse.auth.jwks.*}).
     *
     * @param refreshInterval    how often every JWK set in use is fetched again (default 5 min)
     * @param minRefreshInterval shortest time between fetches caused by tokens with an unknown {@code kid}
     *                           (default 30 s), so that made-up key ids cannot make the node hammer the URL
     * @param timeout            time allowed for one fetch (default 5 s)
     * @param maxSize            largest JWK set accepted, in bytes (default 512 KiB)
     */
    public record Jwks(Duration refreshInterval, Duration minRefreshInterval, Duration timeout, int maxSize) {

        public Jwks {
            refreshInterval = refreshInterval == null ? Duration.ofMinutes(5) : refreshInterval;
            minRefreshInterval = minRefreshInterval == null ? Duration.ofSeconds(30) : minRefreshInterval;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            maxSize = maxSize <= 0 ? 512 * 1024 : maxSize;
        }
    }
}
