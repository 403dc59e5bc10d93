package dev.gatehouse.runtime.health;

import dev.gatehouse.runtime.live.LiveConfigHolder;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code /actuator/health/readiness}) that also requires a configuration. Spring Boot declares the
 * application {@link ReadinessState#ACCEPTING_TRAFFIC} as soon as it has started, but a node without a configuration
 * would only answer 503 {@code not_ready}: it stays {@link ReadinessState#REFUSING_TRAFFIC} (503 on the probe) until
 * it holds one from the admin or from disk. Named like Spring Boot's bean so that it replaces it.
 */
@Component("readinessStateHealthIndicator")
public class ConfigReadinessIndicator extends ReadinessStateHealthIndicator {

    private final LiveConfigHolder holder;

    public ConfigReadinessIndicator(ApplicationAvailability availability, LiveConfigHolder holder) {
        super(availability);
        this.holder = holder;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        return holder.current().ready() ? super.getState(availability) : ReadinessState.REFUSING_TRAFFIC;
    }
}
