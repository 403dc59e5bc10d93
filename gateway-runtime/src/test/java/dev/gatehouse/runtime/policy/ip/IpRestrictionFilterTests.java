package dev.gatehouse.runtime.policy.ip;

import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gatehouse.config.policy.Cidr;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class IpRestrictionFilterTests {

    private final GatewayFilter filter = PolicyFixture.filterOf(new IpRestrictionFilterFactory());
    private final AtomicBoolean forwarded = new AtomicBoolean();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.set(true);
        return Mono.empty();
    };

    private static IpRules rules(List<String> allow, List<String> deny) {
        return IpRules.compile(new IpRestrictionPolicy(allow, deny));
    }

    @Test
    void denyWinsOverAllowAndAllowListsRefuseEverythingElse() {
        IpRules rules = rules(List.of("10.0.0.0/8", "2001:db8::/32"), List.of("10.9.0.0/16"));
        assertThat(rules.allows(Cidr.literal("10.1.2.3"))).isTrue();
        assertThat(rules.allows(Cidr.literal("10.9.2.3"))).isFalse();
        assertThat(rules.allows(Cidr.literal("192.0.2.1"))).isFalse();
        assertThat(rules.allows(Cidr.literal("2001:db8::1"))).isTrue();
        assertThat(rules.allows(Cidr.literal("2001:db9::1"))).isFalse();
        // an IPv4-mapped IPv6 address is the IPv4 address
        assertThat(rules.allows(Cidr.literal("::ffff:10.1.2.3"))).isTrue();
        // unknown address: refused when any list is set
        assertThat(rules.allows(new byte[0])).isFalse();
    }

    @Test
    void denyOnlyListsLetEverythingElseThrough() {
        IpRules rules = rules(List.of(), List.of("192.0.2.0/24", "::1"));
        assertThat(rules.allows(Cidr.literal("192.0.2.200"))).isFalse();
        assertThat(rules.allows(Cidr.literal("::1"))).isFalse();
        assertThat(rules.allows(Cidr.literal("198.51.100.1"))).isTrue();
    }

    @Test
    void filterRefusesWith403AndNeverForwards() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("ip", new IpRestrictionPolicy(List.of("192.0.2.0/24"),
                List.of())));
        filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1"), "192.0.2.7"), chain).block();
        assertThat(forwarded).isTrue();

        forwarded.set(false);
        assertThatThrownBy(() -> filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1"),
                "198.51.100.7"), chain).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(403);
                    assertThat(p.code()).isEqualTo("ip_forbidden");
                });
        assertThat(forwarded).isFalse();
    }

    @Test
    void forgedForwardedForFromAnUntrustedPeerIsIgnored() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("ip", new IpRestrictionPolicy(List.of("203.0.113.0/24"),
                List.of())));
        assertThatThrownBy(() -> filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1")
                .header("X-Forwarded-For", "203.0.113.9"), "198.51.100.7"), chain).block())
                .isInstanceOf(GatewayProblem.class);
        assertThat(forwarded).isFalse();
    }

    @Test
    void routesWithoutThePolicyPass() {
        filter.filter(PolicyFixture.of().exchange(MockServerHttpRequest.get("/orders/1")), chain).block();
        assertThat(forwarded).isTrue();
    }
}
