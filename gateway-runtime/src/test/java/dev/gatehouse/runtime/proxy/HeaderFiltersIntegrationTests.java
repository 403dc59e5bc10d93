package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.support.MainNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationContext;

/** What runs per call in the node's context: the header filters and the chain of a route without policies. */
@MainNode.Test
class HeaderFiltersIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    GatehouseHandlerMapping mapping;

    @Autowired
    LiveConfigHolder holder;

    @Test
    void gatehouseHeaderFiltersAreTheOnlyOnes() {
        assertThat(context.getBeansOfType(HttpHeadersFilter.class).values())
                .extracting(filter -> filter.getClass().getSimpleName())
                .containsExactlyInAnyOrder("ProxyHeadersFilter", "ResponseHeadersFilter");
    }

    @Test
    void aRouteWithoutAuthOrPoliciesRunsOnlyTheForwardingSteps() {
        LiveConfig config = holder.current();
        CompiledRoute open = config.compiled().values().stream()
                .filter(route -> route.spec().auth() == AuthMode.NONE
                        && config.policies().possibleTypes(route.spec()).isEmpty())
                .findFirst().orElseThrow();

        List<String> chain = mapping.proxyHandler().chain(config, open).filters().stream()
                .map(GlobalFilter::getClass).map(Class::getSimpleName).toList();

        assertThat(chain).containsExactly("ResponseWriteFilter", "TargetUrlFilter", "UpstreamTimerFilter",
                "WebsocketRoutingFilter", "NettyRoutingFilter");
    }
}
