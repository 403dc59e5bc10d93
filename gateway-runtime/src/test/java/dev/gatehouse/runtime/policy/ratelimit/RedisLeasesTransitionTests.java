package dev.gatehouse.runtime.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.runtime.support.TcpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The switch between cluster-wide and per-node counting is logged once per transition (WARN on fallback, INFO on
 * recovery), never once per call, against the real Redis behind a relay the test cuts. "However many probes fail
 * after it" is checked by waiting for the probes' own DEBUG lines, not for a fixed time.
 */
class RedisLeasesTransitionTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Logger logger = (Logger) LoggerFactory.getLogger(RedisLeases.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private TcpRelay relay;
    private Level level;

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        relay = TcpRelay.start("127.0.0.1", 6379);
    }

    @AfterEach
    void release() {
        logger.setLevel(level);
        logger.detachAppender(appender);
        relay.close();
    }

    /** Waits until {@code probes} more probes have failed (each logs one DEBUG line). */
    private void awaitFailedProbes(int probes) {
        long seen = count(Level.DEBUG);
        await().atMost(WAIT).until(() -> count(Level.DEBUG) >= seen + probes);
    }

    private long count(Level level) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLevel() == level).count();
        }
    }

    @Test
    void eachSwitchIsLoggedOnceWhateverTheNumberOfCalls() throws Exception {
        relay.cut();
        try (RedisLeases leases = new RedisLeases("redis://127.0.0.1:" + relay.port(), Duration.ofMillis(200),
                Duration.ofMillis(50))) {
            // unreachable at start: one WARN, however many probes fail after it
            await().atMost(WAIT).until(() -> count(Level.WARN) == 1);
            awaitFailedProbes(3);
            assertThat(count(Level.WARN)).isEqualTo(1);
            assertThat(leases.mode()).isEqualTo(CounterMode.FALLBACK);

            relay.restore();
            await().atMost(WAIT).until(() -> leases.mode() == CounterMode.REDIS);
            // the mode flips just before the line is written
            await().atMost(WAIT).until(() -> count(Level.INFO) == 1);

            // a burst of failed leases on several threads at once: one WARN
            relay.cut();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 500; i++) {
                            leases.failed(new IOException("lease timed out"));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(leases.mode()).isEqualTo(CounterMode.FALLBACK);
            assertThat(count(Level.WARN)).isEqualTo(2);
            awaitFailedProbes(3);
            assertThat(count(Level.WARN)).isEqualTo(2);
            assertThat(count(Level.INFO)).isEqualTo(1);

            relay.restore();
            await().atMost(WAIT).until(() -> leases.mode() == CounterMode.REDIS);
            await().atMost(WAIT).until(() -> count(Level.INFO) == 2);
            assertThat(count(Level.WARN)).isEqualTo(2);
        }
    }
}
