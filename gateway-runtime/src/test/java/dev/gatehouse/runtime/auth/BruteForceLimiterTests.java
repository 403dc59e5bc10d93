package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BruteForceLimiterTests {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private BruteForceLimiter limiter(int maxFailures, int maxTracked) {
        return new BruteForceLimiter(new AuthProperties.BruteForce(true, maxFailures, Duration.ofSeconds(60),
                Duration.ofSeconds(30), maxTracked), now::get);
    }

    @Test
    void blocksAfterMaxFailuresWithinTheWindowForTheBlockPeriod() {
        BruteForceLimiter limiter = limiter(3, 100);
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isZero();

        limiter.recordFailure("10.0.0.1");
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isEqualTo(30);
        assertThat(limiter.blockedForSeconds("10.0.0.2")).isZero();

        now.addAndGet(29_500);
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isEqualTo(1);
        now.addAndGet(500);
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isZero();
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        BruteForceLimiter limiter = limiter(3, 100);
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");
        now.addAndGet(60_000);
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isZero();
        limiter.recordFailure("10.0.0.1");
        assertThat(limiter.blockedForSeconds("10.0.0.1")).isPositive();
    }

    @Test
    void tracksABoundedNumberOfAddressesAndSweepsFinishedOnes() {
        BruteForceLimiter limiter = limiter(2, 3);
        limiter.recordFailure("a");
        limiter.recordFailure("b");
        limiter.recordFailure("c");
        limiter.recordFailure("d");
        assertThat(limiter.trackedClients()).isEqualTo(3);
        limiter.recordFailure("d");
        assertThat(limiter.blockedForSeconds("d")).as("not tracked while full").isZero();

        now.addAndGet(61_000);
        limiter.recordFailure("d");
        limiter.recordFailure("d");
        assertThat(limiter.trackedClients()).isEqualTo(1);
        assertThat(limiter.blockedForSeconds("d")).isPositive();
    }

    @Test
    void disabledOrUnknownAddressesAreNeverBlocked() {
        BruteForceLimiter off = new BruteForceLimiter(new AuthProperties.BruteForce(false, 1, null, null, 0),
                now::get);
        off.recordFailure("10.0.0.1");
        assertThat(off.blockedForSeconds("10.0.0.1")).isZero();
        BruteForceLimiter limiter = limiter(1, 10);
        limiter.recordFailure(null);
        assertThat(limiter.blockedForSeconds(null)).isZero();
        assertThat(new AuthProperties(null, null).bruteForce())
                .isEqualTo(new AuthProperties.BruteForce(true, 20, Duration.ofSeconds(60), Duration.ofSeconds(60),
                        100_000));
    }
}
