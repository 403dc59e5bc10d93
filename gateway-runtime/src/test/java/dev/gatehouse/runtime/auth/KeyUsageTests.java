package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyUsageTests {

    @Test
    void drainTakesEachKeyOnceWithItsLatestTime() throws Exception {
        KeyUsage usage = new KeyUsage();
        usage.used("k1");
        Thread.sleep(2);
        usage.used("k1");
        usage.used("k2");
        var first = usage.drain();
        assertThat(first).containsOnlyKeys("k1", "k2");
        assertThat(usage.drain()).isEmpty();
        usage.used("k1");
        assertThat(usage.drain().get("k1")).isGreaterThanOrEqualTo(first.get("k1"));
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
