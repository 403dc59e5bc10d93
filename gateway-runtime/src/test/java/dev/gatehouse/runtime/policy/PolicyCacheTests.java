package dev.gatehouse.runtime.policy;

import static dev.gatehouse.runtime.policy.PolicyFixture.onConsumer;
import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RequestSizePolicy;
import org.junit.jupiter.api.Test;

class PolicyCacheTests {

    private final AtomicInteger compilations = new AtomicInteger();
    private final PolicyCache<Long> cache = new PolicyCache<>(PolicyType.of(RequestSizePolicy.class), (policy, route) -> {
        compilations.incrementAndGet();
        return ((RequestSizePolicy) policy.config()).maxBytes();
    });

    @Test
    void compilesOncePerRouteAndConfiguration() {
        PolicyFixture first = PolicyFixture.at(1, onRoute("size", new RequestSizePolicy(100)));
        assertThat(cache.forRoute(first.config(), first.route())).isEqualTo(100);
        assertThat(cache.forRoute(first.config(), first.route())).isEqualTo(100);
        assertThat(compilations).hasValue(1);

        PolicyFixture second = PolicyFixture.at(2, onRoute("size", new RequestSizePolicy(200)));
        assertThat(cache.forRoute(second.config(), second.route())).isEqualTo(200);
        assertThat(compilations).hasValue(2);
        // a request still running on the older configuration gets its own policy, without evicting the newer one
        assertThat(cache.forRoute(first.config(), first.route())).isEqualTo(100);
        assertThat(cache.forRoute(second.config(), second.route())).isEqualTo(200);
        assertThat(compilations).hasValue(3);
    }

    @Test
    void routesWithoutThePolicyGetNullAndAreCachedToo() {
        PolicyFixture none = PolicyFixture.of();
        assertThat(cache.forRoute(none.config(), none.route())).isNull();
        assertThat(cache.forCall(none.config(), none.route(), PolicyFixture.ACME.id())).isNull();
        assertThat(compilations).hasValue(0);
    }

    @Test
    void consumerPoliciesApplyToThatConsumerOnlyAndAreCachedPerRouteAndConsumer() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("route-size", new RequestSizePolicy(100)),
                onConsumer("acme-size", new RequestSizePolicy(5_000)));
        assertThat(cache.forCall(fixture.config(), fixture.route(), PolicyFixture.ACME.id())).isEqualTo(100);
        assertThat(cache.forCall(fixture.config(), fixture.route(), null)).isEqualTo(100);
        assertThat(cache.forCall(fixture.config(), fixture.route(), "con-unknown")).isEqualTo(100);

        PolicyFixture consumerOnly = PolicyFixture.at(2, onConsumer("acme-size", new RequestSizePolicy(5_000)));
        assertThat(cache.forCall(consumerOnly.config(), consumerOnly.route(), PolicyFixture.ACME.id()))
                .isEqualTo(5_000);
        assertThat(cache.forCall(consumerOnly.config(), consumerOnly.route(), null)).isNull();
        int before = compilations.get();
        assertThat(cache.forCall(consumerOnly.config(), consumerOnly.route(), PolicyFixture.ACME.id()))
                .isEqualTo(5_000);
        assertThat(compilations).hasValue(before);
    }
}
