package dev.gatehouse.runtime.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LeasedCountersTests {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final InMemoryLeases leases = new InMemoryLeases();

    private LeasedCounters node(int expectedNodes) {
        return new LeasedCounters(leases, expectedNodes, 4, Duration.ofSeconds(2), Duration.ofSeconds(2), 10_000, clock::get,
                new RateLimitMetrics(new SimpleMeterRegistry()));
    }

    private static boolean call(LeasedCounters counters, String base, long limit, long window) {
        Enforcer.Take take = new Enforcer.Take(counters.counter(base), limit, window, (window + 1) * 60_000);
        return new Enforcer(counters).check(new Enforcer.Take[] {take}).block().allowed();
    }

    @Test
    void twoNodesCallingConcurrentlyNeverAcceptMoreThanTheLimit() throws Exception {
        LeasedCounters a = node(2);
        LeasedCounters b = node(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            LeasedCounters node = i % 2 == 0 ? a : b;
            calls.add(pool.submit(() -> {
                if (call(node, "t:cluster:", 500, 7)) {
                    accepted.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : calls) {
            f.get();
        }
        pool.shutdown();
        assertThat(leases.reserved("t:cluster:7")).isEqualTo(500);
        // demand was four times the limit on each node: every reserved token was spent, none beyond
        assertThat(accepted.get()).isEqualTo(500);
        // far fewer round trips than calls
        assertThat(leases.requests).isLessThan(300);
    }

    @Test
    void leasesGrowWithDemandUpToTheCap() {
        LeasedCounters a = node(1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(call(a, "t:grow:", 10_000, 1)).isTrue();
        }
        // cap is 10,000 / 4 = 2,500; doubling from 1 gets there in a dozen leases
        assertThat(leases.requests).isLessThan(15);
    }

    @Test
    void aNewWindowStartsAFreshBudget() {
        LeasedCounters a = node(1);
        for (int i = 0; i < 3; i++) {
            assertThat(call(a, "t:roll:", 3, 1)).isTrue();
        }
        assertThat(call(a, "t:roll:", 3, 1)).isFalse();
        assertThat(call(a, "t:roll:", 3, 2)).isTrue();
        assertThat(leases.reserved("t:roll:1")).isEqualTo(3);
        // one call spent, the next token possibly reserved ahead
        assertThat(leases.reserved("t:roll:2")).isBetween(1L, 2L);
    }

    @Test
    void withoutRedisEachNodeAllowsItsShareAndCountsWhatItAlreadyAccepted() {
        LeasedCounters a = node(2);
        for (int i = 0; i < 10; i++) {
            assertThat(call(a, "t:fallback:", 100, 1)).isTrue();
        }
        leases.down();
        // the next lease fails at once: the node falls back to 100 / 2 = 50 for the window, 10 already spent
        int more = 0;
        while (call(a, "t:fallback:", 100, 1)) {
            more++;
        }
        assertThat(a.mode()).isEqualTo(CounterMode.FALLBACK);
        assertThat(10 + more).isEqualTo(50);
        leases.up();
        assertThat(a.mode()).isEqualTo(CounterMode.REDIS);
        // the 40 calls accepted alone are paid from the next leases: the shared count catches up
        int after = 0;
        while (call(a, "t:fallback:", 100, 1)) {
            after++;
        }
        assertThat(after).isEqualTo(50);
        assertThat(leases.reserved("t:fallback:1")).isEqualTo(100);
        assertThat(call(a, "t:fallback:", 100, 2)).isTrue();
    }

    @Test
    void localModeAllowsTheLimitDividedByTheExpectedNodes() {
        LeasedCounters local = new LeasedCounters(null, 3, 4, Duration.ofMillis(100), Duration.ofSeconds(1), 10_000, clock::get,
                new RateLimitMetrics(new SimpleMeterRegistry()));
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += call(local, "t:local:", 30, 1) ? 1 : 0;
        }
        assertThat(local.mode()).isEqualTo(CounterMode.LOCAL);
        assertThat(accepted).isEqualTo(10);
    }

    @Test
    void aCallRefusedByOneLimitIsGivenBackToTheOthers() {
        LeasedCounters a = node(1);
        Enforcer enforcer = new Enforcer(a);
        Enforcer.Take wide = new Enforcer.Take(a.counter("t:wide:"), 100, 1, 60_000);
        Enforcer.Take narrow = new Enforcer.Take(a.counter("t:narrow:"), 2, 1, 60_000);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += enforcer.check(new Enforcer.Take[] {wide, narrow}).block().allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(2);
        assertThat(a.remaining(a.counter("t:wide:"))).isEqualTo(98);
    }

    @Test
    void anAllowedCallGivenBackLeavesEveryLimitAsBefore() {
        LeasedCounters a = node(1);
        Enforcer enforcer = new Enforcer(a);
        Enforcer.Take[] takes = {new Enforcer.Take(a.counter("t:gb1:"), 3, 1, 60_000),
            new Enforcer.Take(a.counter("t:gb2:"), 2, 1, 60_000)};
        Enforcer.Verdict first = enforcer.check(takes).block();
        assertThat(first.allowed()).isTrue();
        assertThat(a.remaining(a.counter("t:gb2:"))).isEqualTo(1);
        // a later step (the quota) refused the call
        enforcer.giveBack(takes, first);
        assertThat(a.remaining(a.counter("t:gb1:"))).isEqualTo(3);
        assertThat(a.remaining(a.counter("t:gb2:"))).isEqualTo(2);
        assertThat(enforcer.check(takes).block().allowed()).isTrue();
        assertThat(enforcer.check(takes).block().allowed()).isTrue();
        assertThat(enforcer.check(takes).block().allowed()).as("the narrow limit of 2 is used up").isFalse();
    }

    @Test
    void verdictsNameTheLimitWithFewestCallsLeftAndTheTimeToItsReset() {
        LeasedCounters a = node(1);
        clock.set(60_000 + 15_000);
        Enforcer.Take perMinute = new Enforcer.Take(a.counter("t:m:"), 5, 1, 120_000);
        Enforcer.Take perHour = new Enforcer.Take(a.counter("t:h:"), 1_000, 0, 3_600_000);
        Enforcer.Verdict v = new Enforcer(a).check(new Enforcer.Take[] {perHour, perMinute}).block();
        assertThat(v.allowed()).isTrue();
        assertThat(v.limit()).isEqualTo(5);
        assertThat(v.remaining()).isEqualTo(4);
        assertThat(v.resetSeconds()).isEqualTo(45);
    }

    @Test
    void sweepForgetsEndedWindows() {
        LeasedCounters a = node(1);
        call(a, "t:sweep:", 5, 1);
        assertThat(a.size()).isEqualTo(1);
        clock.set(2 * 60_000 + 10_001);
        assertThat(a.sweep()).isEqualTo(1);
        assertThat(a.size()).isZero();
    }
}
