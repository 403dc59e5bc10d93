package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gatehouse.runtime.live.RouteChains;
import dev.gatehouse.runtime.policy.PolicyFixture;
import dev.gatehouse.runtime.support.MainNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationContext;

/** What runs per call in the node's context: the header filters and the chain of a route without policies. */
@MainNode.Test
class HeaderFiltersIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    RouteChains chains;

    @Test
    void gatehouseHeaderFiltersAreTheOnlyOnes() {
        assertThat(context.getBeansOfType(HttpHeadersFilter.class).values())
                .extracting(filter -> filter.getClass().getSimpleName())
                .containsExactlyInAnyOrder("ProxyHeadersFilter", "ResponseHeadersFilter");
    }

    @Test
    void aRouteWithoutAuthOrPoliciesRunsOnlyTheForwardingSteps() {
        // the node's own filters, on a configuration of one anonymous route and no policies
        PolicyFixture bare = PolicyFixture.of();

        List<String> chain = chains.build(bare.setup()).filters().stream()
                .map(Object::getClass).map(Class::getSimpleName).toList();

        assertThat(chain).containsExactly("ResponseWriteFilter", "TargetUrlFilter", "UpstreamTimerFilter",
                "WebsocketRoutingFilter", "NettyRoutingFilter");
    }
}
