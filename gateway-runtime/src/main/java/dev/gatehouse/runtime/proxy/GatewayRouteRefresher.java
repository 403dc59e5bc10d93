package dev.gatehouse.runtime.proxy;

import dev.gatehouse.runtime.live.ConfigApplied;

import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Clears SCG's per-route filter cache ({@code route-filter-cache-enabled}) whenever a configuration is swapped in,
 * so that the cache holds the routes of the live configuration only and does not grow with every change.
 */
@Component
class GatewayRouteRefresher {

    private final ApplicationEventPublisher events;

    GatewayRouteRefresher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void onConfigApplied(ConfigApplied applied) {
        if (applied.config().compiled() != applied.previous().compiled()) {
            events.publishEvent(new RefreshRoutesEvent(this));
        }
    }
}
