package dev.gatehouse.config.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyResolverTests {

    static final RouteSpec ROUTE = new RouteSpec("r1", "orders", "s1", List.of(), List.of("/o"), PathMatch.PREFIX,
            List.of(), false, 0, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null, null);
    static final ConsumerSpec CONSUMER = new ConsumerSpec("c1", "acme", null, List.of(), "p1");
    static final PlanSpec PLAN = new PlanSpec("p1", "gold", List.of(new RateLimit(7, RateWindow.SECOND)), List.of(
            new Quota(100, QuotaPeriod.DAY, null)));

    static PolicySpec at(PolicyScope scope, long size) {
        String service = scope == PolicyScope.SERVICE ? "s1" : null;
        String route = scope == PolicyScope.ROUTE || scope == PolicyScope.ROUTE_CONSUMER ? "r1" : null;
        String consumer = scope == PolicyScope.CONSUMER || scope == PolicyScope.ROUTE_CONSUMER ? "c1" : null;
        String plan = scope == PolicyScope.PLAN ? "p1" : null;
        return new PolicySpec("id-" + scope.value(), "size-" + scope.value(), true, scope, service, route, consumer,
                plan, new RequestSizePolicy(size));
    }

    @Test
    void mostSpecificScopeWinsForEveryPair() {
        PolicyScope[] byRank = {PolicyScope.ROUTE_CONSUMER, PolicyScope.ROUTE, PolicyScope.SERVICE,
                PolicyScope.CONSUMER, PolicyScope.PLAN, PolicyScope.GLOBAL};
        for (int hi = 0; hi < byRank.length; hi++) {
            for (int lo = hi + 1; lo < byRank.length; lo++) {
                List<PolicySpec> both = List.of(at(byRank[lo], 1), at(byRank[hi], 2));
                EffectivePolicy winner = new PolicyResolver(both, Map.of("p1", PLAN)).forCall(ROUTE, CONSUMER)
                        .get(PolicyType.of(RequestSizePolicy.class));
                assertThat(winner.scope()).as(byRank[hi] + " over " + byRank[lo]).isEqualTo(byRank[hi]);
                assertThat(((RequestSizePolicy) winner.config()).maxBytes()).isEqualTo(2);
            }
        }
    }

    @Test
    void withoutConsumerOnlyRouteServiceAndGlobalApply() {
        List<PolicySpec> all = new ArrayList<>();
        for (PolicyScope scope : List.of(PolicyScope.ROUTE_CONSUMER, PolicyScope.CONSUMER, PolicyScope.PLAN,
                PolicyScope.GLOBAL)) {
            all.add(at(scope, scope.specificity()));
        }
        EffectivePolicy winner = new PolicyResolver(all, Map.of("p1", PLAN)).forRoute(ROUTE)
                .get(PolicyType.of(RequestSizePolicy.class));
        assertThat(winner.scope()).isEqualTo(PolicyScope.GLOBAL);
    }

    @Test
    void planLimitsActAsPlanScopedRateLimitAndDisabledPoliciesDoNothing() {
        PolicySpec disabledRoute = new PolicySpec("x", "x", false, PolicyScope.ROUTE, null, "r1", null, null,
                new RateLimitPolicy(List.of(new RateLimit(1, RateWindow.SECOND)), null, null));
        PolicySpec global = new PolicySpec("g", "g", true, PolicyScope.GLOBAL, null, null, null, null,
                new RateLimitPolicy(List.of(new RateLimit(1000, RateWindow.SECOND)), null, null));
        PolicyResolver resolver = new PolicyResolver(List.of(disabledRoute, global), Map.of("p1", PLAN));
        EffectivePolicy limit = resolver.forCall(ROUTE, CONSUMER).get(PolicyType.of(RateLimitPolicy.class));
        assertThat(limit.fromPlan()).isTrue();
        assertThat(limit.name()).isEqualTo("gold");
        assertThat(resolver.forRoute(ROUTE).get(PolicyType.of(RateLimitPolicy.class)).policyId()).isEqualTo("g");
        assertThat(resolver.quotas(CONSUMER)).extracting(Quota::calls).containsExactly(100L);
    }

    @Test
    void possibleTypesCoverEveryScopeThatCanReachTheRouteAndNoOther() {
        RouteSpec other = new RouteSpec("r2", "users", "s2", List.of(), List.of("/u"), PathMatch.PREFIX, List.of(),
                false, 0, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null, null);
        PolicySpec onOtherRoute = new PolicySpec("o", "o", true, PolicyScope.ROUTE, null, "r2", null, null,
                new CorsPolicy(List.of("https://a.example"), List.of(), List.of(), List.of(), false, 0));
        PolicySpec disabled = new PolicySpec("d", "d", false, PolicyScope.GLOBAL, null, null, null, null,
                new TimeoutPolicy(1_000, 5_000));
        for (PolicyScope scope : PolicyScope.values()) {
            PolicyResolver resolver = new PolicyResolver(List.of(at(scope, 10), onOtherRoute, disabled), Map.of());
            assertThat(resolver.possibleTypes(ROUTE)).as(scope.value()).containsExactly(PolicyType.of(RequestSizePolicy.class));
            boolean reachesOther = scope != PolicyScope.ROUTE && scope != PolicyScope.SERVICE
                    && scope != PolicyScope.ROUTE_CONSUMER;
            assertThat(resolver.possibleTypes(other)).as(scope.value()).contains(PolicyType.of(CorsPolicy.class))
                    .hasSize(reachesOther ? 2 : 1);
            assertThat(resolver.hasQuotas()).isFalse();
        }
        PolicyResolver withPlan = new PolicyResolver(List.of(), Map.of("p1", PLAN));
        assertThat(withPlan.possibleTypes(ROUTE)).containsExactly(PolicyType.of(RateLimitPolicy.class));
        assertThat(withPlan.hasQuotas()).isTrue();
        assertThat(new PolicyResolver(List.of(), Map.of()).possibleTypes(ROUTE)).isEmpty();
    }
}
