package dev.gatehouse.runtime.ratelimit;

import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RateWindow;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;

/** Limits are compiled per configuration: a call gets the limits of the configuration it was routed with. */
class LimitCacheTests {

    private final LimitCache cache = new LimitCache("gh-test:");

    private static PolicyFixture limitedTo(long revision, long perHour) {
        return PolicyFixture.at(revision, onRoute("rl", new RateLimitPolicy(
                List.of(new RateLimit(perHour, RateWindow.HOUR)), RateLimitKey.ROUTE, null)));
    }

    private long limit(PolicyFixture fixture) {
        return cache.forCall(fixture.config(), fixture.route().spec(), null).rates().get(0).requests();
    }

    @Test
    void aCallOnAnOlderConfigurationGetsItsOwnLimitsWithoutEvictingTheNewerOnes() {
        PolicyFixture first = limitedTo(1, 100);
        PolicyFixture second = limitedTo(2, 200);
        assertThat(limit(first)).isEqualTo(100);
        CallLimits newer = cache.forCall(second.config(), second.route().spec(), null);
        assertThat(limit(second)).isEqualTo(200);

        // a call routed before the swap, still running
        assertThat(limit(first)).isEqualTo(100);
        assertThat(cache.forCall(second.config(), second.route().spec(), null)).as("still cached").isSameAs(newer);
    }

    @Test
    void limitsAreCachedPerRouteAndConsumer() {
        PolicyFixture fixture = limitedTo(1, 100);
        CallLimits anonymous = cache.forCall(fixture.config(), fixture.route().spec(), null);
        assertThat(cache.forCall(fixture.config(), fixture.route().spec(), null)).isSameAs(anonymous);
        assertThat(cache.forCall(fixture.config(), fixture.route().spec(), PolicyFixture.ACME.id()))
                .isNotSameAs(anonymous);
    }
}
