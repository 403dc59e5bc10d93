package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's rules, on a clock the test moves. */
class SignInThrottleTests {

    private static final SignInProperties DEFAULTS = new SignInProperties(3, Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMinutes(15), 10, 30, Duration.ofMinutes(15), 50_000);

    private final TestClock clock = new TestClock();
    private final SignInThrottle throttle = new SignInThrottle(DEFAULTS, clock);

    @Test
    void firstFailuresAreNotDelayed() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.begin("alice", "10.0.0.1").allowed()).isTrue();
            throttle.failed("alice", "10.0.0.1");
        }
    }

    @Test
    void delayStartsAfterThreeFailuresAndDoublesUpToTheCap() {
        fail("alice", "10.0.0.1", 3);
        // 3 failures: 1 s after the last one
        assertRefusedFor("alice", "10.0.0.1", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        fail("alice", "10.0.0.1", 1);
        assertRefusedFor("alice", "10.0.0.1", Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        fail("alice", "10.0.0.1", 1);
        assertRefusedFor("alice", "10.0.0.1", Duration.ofSeconds(4));
        // 9 failures: 64 s would be next, capped at 30 s
        for (Duration wait : new Duration[] {Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
                Duration.ofSeconds(30)}) {
            clock.advance(wait);
            fail("alice", "10.0.0.1", 1);
        }
        assertRefusedFor("alice", "10.0.0.1", Duration.ofSeconds(30));
    }

    @Test
    void tenFailuresOfAnAccountLockItForFifteenMinutesFromAnyAddress() {
        for (int i = 0; i < 10; i++) {
            // a different address each time: only the account counts
            clock.advance(Duration.ofSeconds(31));
            fail("bob", "10.0.1." + i, 1);
        }
        SignInThrottle.Verdict locked = throttle.begin("bob", "10.9.9.9");
        assertThat(locked.allowed()).isFalse();
        assertThat(locked.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(locked.firstRefusal()).isTrue();
        assertThat(throttle.begin("bob", "10.9.9.9").firstRefusal()).as("later refusals are not recorded").isFalse();
        // another account from the same addresses is not held back
        assertThat(throttle.begin("carol", "10.0.1.9").allowed()).isTrue();

        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.begin("bob", "10.9.9.9").allowed()).isTrue();
    }

    @Test
    void sprayingManyAccountsFromOneAddressIsSlowedThenLocked() {
        for (int i = 0; i < 3; i++) {
            fail("user" + i, "192.0.2.7", 1);
        }
        SignInThrottle.Verdict delayed = throttle.begin("someone-else", "192.0.2.7");
        assertThat(delayed.allowed()).as("a fresh account from a failing address waits").isFalse();
        assertThat(delayed.retryAt()).isEqualTo(clock.instant().plusSeconds(1));
        for (int i = 3; i < 30; i++) {
            clock.advance(Duration.ofSeconds(30));
            fail("user" + i, "192.0.2.7", 1);
        }
        SignInThrottle.Verdict locked = throttle.begin("user-new", "192.0.2.7");
        assertThat(locked.allowed()).isFalse();
        assertThat(locked.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        // other addresses are not held back
        assertThat(throttle.begin("user-new", "192.0.2.8").allowed()).isTrue();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        fail("dave", "10.0.0.2", 3);
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.begin("dave", "10.0.0.2").allowed()).isTrue();
        throttle.failed("dave", "10.0.0.2");
        assertThat(throttle.begin("dave", "10.0.0.2").allowed()).as("one failure in the window").isTrue();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        fail("erin", "10.0.0.3", 2);
        assertThat(throttle.begin("erin", "10.0.0.3").allowed()).isTrue();
        throttle.succeeded("erin", "10.0.0.3");
        fail("erin", "10.0.0.4", 2);
        assertThat(throttle.begin("erin", "10.0.0.4").allowed()).as("account counts from zero again").isTrue();
        throttle.failed("erin", "10.0.0.4");
        // the first address still has its 2 failures: one more starts the delay
        fail("frank", "10.0.0.3", 1);
        assertThat(throttle.begin("grace", "10.0.0.3").allowed()).isFalse();
    }

    @Test
    void attemptsUnderWayCountSoParallelGuessesCannotSlipThrough() {
        fail("heidi", "10.0.0.5", 2);
        assertThat(throttle.begin("heidi", "10.0.0.6").allowed()).isTrue();
        // the third attempt is still being checked: a parallel fourth must wait
        assertThat(throttle.begin("heidi", "10.0.0.7").allowed()).isFalse();
        throttle.abandoned("heidi", "10.0.0.6");
        assertThat(throttle.begin("heidi", "10.0.0.7").allowed()).isTrue();
    }

    @Test
    void idleEntriesAreSweptAndTheMemoryBoundRefusesNewOnesWhenFullOfLiveOnes() {
        SignInThrottle small = new SignInThrottle(new SignInProperties(3, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(15), 10, 30, Duration.ofMinutes(15), 100), clock);
        for (int i = 0; i < 50; i++) {
            assertThat(small.begin("u" + i, "10.1.0." + i).allowed()).isTrue();
            small.failed("u" + i, "10.1.0." + i);
        }
        assertThat(small.tracked()).isEqualTo(100);
        assertThat(small.begin("new", "10.2.0.1").allowed()).as("full of live entries").isFalse();
        clock.advance(Duration.ofMinutes(16));
        small.sweep();
        assertThat(small.tracked()).isZero();
        assertThat(small.begin("new", "10.2.0.1").allowed()).isTrue();
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.begin(account, address).allowed()).as("attempt %d of %s", i + 1, account).isTrue();
            throttle.failed(account, address);
        }
    }

    private void assertRefusedFor(String account, String address, Duration wait) {
        SignInThrottle.Verdict verdict = throttle.begin(account, address);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.retryAt()).isEqualTo(clock.instant().plus(wait));
        clock.advance(wait.minusMillis(1));
        assertThat(throttle.begin(account, address).allowed()).as("still waiting").isFalse();
        clock.advance(wait.negated().plusMillis(1));
    }

    /** A clock that moves only when told. */
    static final class TestClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
