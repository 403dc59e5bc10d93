package dev.gatehouse.admin.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * What this admin instance streams: {@code gatehouse_admin_config_streams} (nodes connected to it, one open
 * configuration stream each; sum over instances for the cluster) and {@code gatehouse_admin_config_revision} (the
 * newest revision it has read from the change log and sends).
 */
@Component
class StreamGauges implements MeterBinder {

    private final ConfigStream stream;

    StreamGauges(ConfigStream stream) {
        this.stream = stream;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gatehouse.admin.config.streams", stream, ConfigStream::openStreams)
                .description("Configuration streams open on this admin instance (connected nodes)")
                .register(registry);
        Gauge.builder("gatehouse.admin.config.revision", stream, ConfigStream::latestRevision)
                .description("Newest configuration revision this admin instance has read and streams")
                .register(registry);
    }
}
