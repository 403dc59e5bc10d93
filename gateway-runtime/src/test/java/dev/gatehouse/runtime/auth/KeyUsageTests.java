package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class KeyUsageTests {

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Test
    void drainTakesEachKeyOnceWithItsLatestTime() {
        KeyUsage usage = new KeyUsage(clock::get);
        long start = clock.get();
        usage.used("k1");
        clock.addAndGet(2);
        usage.used("k1");
        usage.used("k2");
        var first = usage.drain();
        assertThat(first).containsOnlyKeys("k1", "k2");
        // within RESOLUTION_MS a key keeps the time it was first seen
        assertThat(first.get("k1")).isEqualTo(start);
        assertThat(first.get("k2")).isEqualTo(start + 2);
        assertThat(usage.drain()).isEmpty();
        clock.addAndGet(5);
        usage.used("k1");
        assertThat(usage.drain().get("k1")).isEqualTo(start + 7).isGreaterThanOrEqualTo(first.get("k1"));
    }

    @Test
    void aKeysTimeIsRefreshedOncePerResolution() {
        KeyUsage usage = new KeyUsage(clock::get);
        long start = clock.get();
        usage.used("k1");
        clock.addAndGet(KeyUsage.RESOLUTION_MS - 1);
        usage.used("k1");
        clock.addAndGet(1);
        usage.used("k2");
        assertThat(usage.drain()).containsEntry("k1", start).containsEntry("k2", start + KeyUsage.RESOLUTION_MS);
        usage.used("k1");
        clock.addAndGet(KeyUsage.RESOLUTION_MS);
        usage.used("k1");
        assertThat(usage.drain()).containsEntry("k1", start + 2 * KeyUsage.RESOLUTION_MS);
    }

    @Test
    void stopsTrackingNewKeysAtTheBound() {
        KeyUsage usage = new KeyUsage();
        for (int i = 0; i < KeyUsage.MAX_TRACKED + 10; i++) {
            usage.used("k" + i);
        }
        assertThat(usage.drain()).hasSize(KeyUsage.MAX_TRACKED);
    }
}
