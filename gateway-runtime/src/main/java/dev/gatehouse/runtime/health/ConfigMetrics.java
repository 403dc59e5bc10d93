package dev.gatehouse.runtime.health;

import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Gauges describing the configuration being served: {@code gatehouse_config_revision},
 * {@code gatehouse_config_source{source="admin|disk|none"}} (1 for the current source, 0 for the others) and
 * {@code gatehouse_config_routes}, {@code gatehouse_config_consumers} and {@code gatehouse_config_keys}.
 */
@Component
class ConfigMetrics implements MeterBinder {

    private final LiveConfigHolder holder;

    ConfigMetrics(LiveConfigHolder holder) {
        this.holder = holder;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gatehouse.config.revision", holder, h -> h.current().revision())
                .description("Configuration revision this node serves (0: none)")
                .register(registry);
        for (ConfigSource source : ConfigSource.values()) {
            Gauge.builder("gatehouse.config.source", holder, h -> h.current().source() == source ? 1 : 0)
                    .description("1 for where the served configuration came from")
                    .tag("source", source.wireName())
                    .register(registry);
        }
        Gauge.builder("gatehouse.config.routes", holder, h -> h.current().routes().size())
                .description("Enabled routes in the served configuration")
                .register(registry);
        Gauge.builder("gatehouse.config.consumers", holder, h -> h.current().state().consumers().size())
                .description("Consumers in the served configuration")
                .register(registry);
        Gauge.builder("gatehouse.config.keys", holder, h -> h.current().keys().size())
                .description("API keys held by this node")
                .register(registry);
    }
}
