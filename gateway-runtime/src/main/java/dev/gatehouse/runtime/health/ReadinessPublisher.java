package dev.gatehouse.runtime.health;

import dev.gatehouse.runtime.live.ConfigApplied;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces readiness through Spring Boot's availability events: {@link ReadinessState#ACCEPTING_TRAFFIC} when the
 * first configuration is applied. Until then {@link ConfigReadinessIndicator} keeps the probe refusing.
 */
@Component
class ReadinessPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReadinessPublisher.class);

    private final ApplicationEventPublisher events;
    private final LiveConfigHolder holder;

    ReadinessPublisher(ApplicationEventPublisher events, LiveConfigHolder holder) {
        this.events = events;
        this.holder = holder;
    }

    @EventListener
    void onConfigApplied(ConfigApplied applied) {
        if (!applied.previous().ready() && applied.config().ready()) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @EventListener
    void onApplicationReady(ApplicationReadyEvent event) {
        if (!holder.current().ready()) {
            log.info("Started without a configuration: refusing traffic (503 not_ready) until the admin sends one");
        }
    }
}
