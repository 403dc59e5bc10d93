package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

class BackoffTests {

    @RepeatedTest(20)
    void doublesWithJitterUpToTheMaximumAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
        long[] steps = {200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000};
        for (long step : steps) {
            assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(100L, 200L);
        assertThat(backoff.slow().toMillis()).isBetween(5_000L, 10_000L);
    }
}
