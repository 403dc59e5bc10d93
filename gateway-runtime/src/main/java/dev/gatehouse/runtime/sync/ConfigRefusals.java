package dev.gatehouse.runtime.sync;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.ConfigRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Whether the node currently refuses its admin's configuration, for heartbeats ({@code refusal}), metrics
 * ({@code gatehouse_config_refused_total{reason}} counts refused offers, {@code gatehouse_config_refusing} is 1
 * while refusing) and the log: one WARN when the node starts refusing (or refuses for another reason), one INFO
 * when it accepts again; the repeated refusals of each reconnect in between are logged at DEBUG only.
 */
@Component
public class ConfigRefusals {

    private static final Logger log = LoggerFactory.getLogger(ConfigRefusals.class);

    private final AtomicReference<ConfigRefusal> current = new AtomicReference<>();
    private final MeterRegistry registry;

    public ConfigRefusals(MeterRegistry registry) {
        this.registry = registry;
        for (String reason : new String[] {ConfigRefusal.OTHER_CLUSTER, ConfigRefusal.OLDER_EPOCH,
                ConfigRefusal.OLDER_REVISION, ConfigRefusal.EMPTY_CONFIGURATION}) {
            counter(reason);
        }
        Gauge.builder("gatehouse.config.refusing", current, c -> c.get() == null ? 0 : 1)
                .description("1 while this node refuses the configuration its admin offers (it keeps serving its own)")
                .register(registry);
    }

    /** The refusal in force, or null when the node takes its admin's configuration. */
    public ConfigRefusal current() {
        return current.get();
    }

    /** True while the node refuses its admin's configuration. */
    public boolean refusing() {
        return current.get() != null;
    }

    /** Records a refused offer; {@code adminUrl} and {@code served} are for the log. */
    void refused(ConfigRefusal refusal, String adminUrl, long served) {
        counter(refusal.reason()).increment();
        ConfigRefusal previous = current.getAndSet(refusal);
        if (previous == null || !Objects.equals(previous.reason(), refusal.reason())) {
            log.warn("Refusing the configuration of the admin at {} ({}: {}); keeping revision {} and the last known "
                    + "good file. Recover by starting the admin on the right database, or by a force restore on "
                    + "it (POST /api/v1/cluster/force-restore)", adminUrl, refusal.reason(), refusal.message(),
                    served);
        } else {
            log.debug("Still refusing the configuration of the admin at {}: {}", adminUrl, refusal.message());
        }
    }

    /** Records that the node took its admin's configuration. */
    void accepted(String adminUrl) {
        ConfigRefusal previous = current.getAndSet(null);
        if (previous != null) {
            log.info("Accepting the configuration of the admin at {} again (it was refused: {})", adminUrl,
                    previous.reason());
        }
    }

    private Counter counter(String reason) {
        return Counter.builder("gatehouse.config.refused")
                .description("Configurations offered by the admin that this node refused, by reason")
                .tag("reason", reason)
                .register(registry);
    }
}
