package dev.gatehouse.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.TargetSpec;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTests {

    private static TargetSpec target(int port, int weight) {
        return new TargetSpec("10.0.0.1", port, weight);
    }

    @Test
    void sequenceIsSmoothLikeNginx() {
        short[] sequence = WeightedRoundRobin.smoothSequence(new int[] {5, 1, 1});
        assertThat(sequence).containsExactly((short) 0, (short) 0, (short) 1, (short) 0, (short) 2, (short) 0,
                (short) 0);
    }

    @Test
    void weightsAreReducedByTheirCommonDivisor() {
        WeightedRoundRobin picker = new WeightedRoundRobin(Protocol.HTTP,
                List.of(target(1, 100), target(2, 300), target(3, 200)));
        assertThat(picker.roundLength()).isEqualTo(6);
    }

    @Test
    void everyRoundHonoursTheWeightsExactly() {
        WeightedRoundRobin picker = new WeightedRoundRobin(Protocol.HTTP,
                List.of(target(1, 3), target(2, 2), target(3, 1)));
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (int i = 0; i < 600; i++) {
            counts.merge(picker.next(), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("http://10.0.0.1:1", 300).containsEntry("http://10.0.0.1:2", 200)
                .containsEntry("http://10.0.0.1:3", 100);
    }

    @Test
    void concurrentPickersKeepTheDistribution() throws Exception {
        WeightedRoundRobin picker = new WeightedRoundRobin(Protocol.HTTPS, List.of(target(1, 1), target(2, 4)));
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counts.computeIfAbsent(picker.next(), k -> new AtomicLong()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // 80,000 picks is exactly 16,000 rounds of 5
        assertThat(counts.get("https://10.0.0.1:1").get()).isEqualTo(16_000);
        assertThat(counts.get("https://10.0.0.1:2").get()).isEqualTo(64_000);
    }

    @Test
    void singleTargetAndIpv6Origins() {
        WeightedRoundRobin picker = new WeightedRoundRobin(Protocol.HTTP, List.of(new TargetSpec("::1", 8080, 7)));
        assertThat(picker.next()).isEqualTo("http://[::1]:8080");
        assertThat(picker.first()).isEqualTo("http://[::1]:8080");
    }

    @Test
    void refusesEmptyTargetsAndZeroWeights() {
        assertThatThrownBy(() -> new WeightedRoundRobin(Protocol.HTTP, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedRoundRobin.smoothSequence(new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
