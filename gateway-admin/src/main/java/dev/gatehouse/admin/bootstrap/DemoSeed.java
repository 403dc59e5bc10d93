package dev.gatehouse.admin.bootstrap;

import dev.gatehouse.admin.GatehouseProperties;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code gatehouse.demo.seed=true} ({@code GATEHOUSE_DEMO_SEED}) and no services yet, creates service
 * {@code demo} (targets {@code GATEHOUSE_DEMO_UPSTREAM}) and route {@code demo} on {@code /demo}, stripping the
 * prefix and open to anonymous callers (auth {@code none}), through the normal services so the change is
 * published like any other.
 */
@Component
@ConditionalOnBooleanProperty("gatehouse.demo.seed")
class DemoSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

    private final UpstreamService services;
    private final RouteService routes;
    private final String upstream;

    DemoSeed(UpstreamService services, RouteService routes, GatehouseProperties properties) {
        this.services = services;
        this.routes = routes;
        this.upstream = properties.demo().upstream();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!services.isEmpty()) {
            return;
        }
        int colon = upstream.lastIndexOf(':');
        if (colon <= 0) {
            log.warn("GATEHOUSE_DEMO_UPSTREAM '{}' is not host:port; demo not seeded", upstream);
            return;
        }
        String host = upstream.substring(0, colon);
        Integer port;
        try {
            port = Integer.valueOf(upstream.substring(colon + 1));
        } catch (NumberFormatException e) {
            log.warn("GATEHOUSE_DEMO_UPSTREAM '{}' has no numeric port; demo not seeded", upstream);
            return;
        }
        services.create(new ServiceRequest("demo", List.of(new TargetRequest(host, port, null)), null, null,
                null, null));
        // Open to anonymous callers so the quick start's first curl works without a key; every other route
        // requires one unless its admin says otherwise.
        routes.create(new RouteRequest("demo", "demo", null, List.of("/demo"), null, null, true, null, null,
                "none", null, null, null, null));
        log.info("Demo seeded: service 'demo' -> {}, route 'demo' on /demo", upstream);
    }
}
