package dev.gatehouse.runtime.proxy;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;
import reactor.core.publisher.Mono;

import org.junit.jupiter.api.Test;

class TargetUrlFilterTests {

    private static RouteMatch match(ServiceSpec service, boolean strip, int matched) {
        var builder = route("r", service).paths("/api");
        if (strip) {
            builder.stripPrefix();
        }
        RouteSpec route = builder.build();
        return new RouteMatch(new CompiledRoute(route, service,
                new WeightedRoundRobin(service.protocol(), service.targets()), null,
                exchange -> Mono.empty()), matched);
    }

    @Test
    void keepsEncodedPathAndQueryExactly() {
        ServiceSpec service = service("s", "/base", 1_000, 1_000, target(9000));
        URI incoming = URI.create("http://gw:8080/api/a%2Fb/caf%C3%A9/x+y?q=a%26b&e=%E2%82%AC&plus=1+2&empty=");
        URI url = TargetUrlFilter.targetUrl(match(service, true, 4), "http://10.0.0.1:9000", incoming);
        assertThat(url.toASCIIString())
                .isEqualTo("http://10.0.0.1:9000/base/a%2Fb/caf%C3%A9/x+y?q=a%26b&e=%E2%82%AC&plus=1+2&empty=");
    }

    @Test
    void withoutStripPrefixForwardsTheWholePathAndNoQueryWhenAbsent() {
        ServiceSpec service = service("s", target(9000));
        URI url = TargetUrlFilter.targetUrl(match(service, false, 4), "http://h:1", URI.create("http://gw/api/x"));
        assertThat(url.toASCIIString()).isEqualTo("http://h:1/api/x");
        URI emptyQuery = TargetUrlFilter.targetUrl(match(service, false, 4), "http://h:1",
                URI.create("http://gw/api?"));
        assertThat(emptyQuery.toASCIIString()).isEqualTo("http://h:1/api?");
    }
}
