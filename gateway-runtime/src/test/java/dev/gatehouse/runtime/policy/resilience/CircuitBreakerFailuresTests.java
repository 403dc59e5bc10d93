package dev.gatehouse.runtime.policy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

class CircuitBreakerFailuresTests {

    private final CircuitBreaker breaker = CircuitBreaker.of("route/service",
            CircuitBreakers.config(new CircuitBreakerPolicy(50, 4, 4, 60_000, 1)));

    @Test
    void aRefusedTargetIsNotAnUpstreamFailure() {
        for (int i = 0; i < 8; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException(GatewayProblem.targetForbidden()));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void connectionErrorsStillCount() {
        for (int i = 0; i < 4; i++) {
            breaker.tryAcquirePermission();
            breaker.onError(1, TimeUnit.MILLISECONDS, new IOException("connection refused"));
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
