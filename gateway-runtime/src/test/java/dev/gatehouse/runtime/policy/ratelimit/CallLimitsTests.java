package dev.gatehouse.runtime.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RateWindow;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.Test;

class CallLimitsTests {

    private static final PlanSpec GOLD = new PlanSpec("plan-gold", "gold",
            List.of(new RateLimit(10, RateWindow.SECOND), new RateLimit(1_000, RateWindow.HOUR)),
            List.of(new Quota(50_000, QuotaPeriod.MONTH, QuotaKey.KEY)));
    private static final ConsumerSpec ACME = new ConsumerSpec("con-acme", "acme", ConsumerStatus.ACTIVE, List.of(),
            GOLD.id());
    private static final RouteSpec ORDERS = Specs.route("orders", Specs.service("orders", Specs.target(1)))
            .paths("/orders").build();

    @Test
    void aPlansLimitsCountEachConsumerWithKeysBuiltOnce() {
        PolicyResolver policies = new PolicyResolver(List.of(), Map.of(GOLD.id(), GOLD));
        CallLimits limits = CallLimits.compile(policies, ORDERS, ACME, "gh:");
        assertThat(limits.rates()).hasSize(2);
        assertThat(limits.rates().get(0).fixed()).isEqualTo("gh:rl:plan:plan-gold:1:consumer:con-acme:");
        assertThat(limits.rates().get(1).fixed()).isEqualTo("gh:rl:plan:plan-gold:3600:consumer:con-acme:");
        assertThat(limits.quotas()).singleElement().satisfies(q -> {
            assertThat(CallLimits.perKey(q)).isTrue();
            assertThat(q.consumerBase()).isEqualTo("gh:quota:con-acme:consumer:month:");
        });
    }

    @Test
    void aRoutePolicyWinsOverThePlanAndAnonymousCallsHaveNoFixedBucket() {
        PolicySpec route = new PolicySpec("pol-r", "r", true, PolicyScope.ROUTE, null, ORDERS.id(), null, null,
                new RateLimitPolicy(List.of(new RateLimit(5, RateWindow.MINUTE)), RateLimitKey.CONSUMER, null));
        PolicyResolver policies = new PolicyResolver(List.of(route), Map.of(GOLD.id(), GOLD));
        assertThat(CallLimits.compile(policies, ORDERS, ACME, "gh:").rates()).singleElement()
                .satisfies(r -> assertThat(r.fixed()).isEqualTo("gh:rl:policy:pol-r:60:consumer:con-acme:"));
        CallLimits anonymous = CallLimits.compile(policies, ORDERS, null, "gh:");
        assertThat(anonymous.rates()).singleElement().satisfies(r -> assertThat(r.fixed()).isNull());
        assertThat(anonymous.quotas()).isEmpty();
    }

    @Test
    void nothingAppliesWithoutPoliciesOrPlan() {
        PolicyResolver policies = new PolicyResolver(List.of(), Map.of());
        assertThat(CallLimits.compile(policies, ORDERS, null, "gh:")).isSameAs(CallLimits.NONE);
    }

    @Test
    void headerValuesBecomeBoundedBucketIds() {
        assertThat(BucketIds.headerValue(null)).isEqualTo("-");
        assertThat(BucketIds.headerValue("acme")).isEqualTo("vacme");
        assertThat(BucketIds.headerValue("a:b")).startsWith("h").hasSize(33);
        assertThat(BucketIds.headerValue("x".repeat(65))).startsWith("h").hasSize(33);
        assertThat(BucketIds.headerValue("x".repeat(65))).isNotEqualTo(BucketIds.headerValue("x".repeat(66)));
    }
}
