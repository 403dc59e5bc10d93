package dev.gatehouse.runtime.lkg;

import dev.gatehouse.config.ConfigValidationException;
import dev.gatehouse.runtime.live.ConfigApplier;
import dev.gatehouse.runtime.live.ConfigSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the last known good configuration at start-up, before the proxy port opens, so that a node whose admin is
 * unreachable still serves what it served before. A file that fails its checksum, its content hash or validation
 * is logged, renamed aside and ignored; the node then waits for the admin.
 */
@Component
public class LastKnownGoodLoader implements SmartLifecycle {

    /** Before the web server (which starts at {@code DEFAULT_PHASE - 1024}) and the config stream. */
    static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(LastKnownGoodLoader.class);

    private final LastKnownGoodStore store;
    private final LastKnownGoodWriter writer;
    private final ConfigApplier applier;
    private volatile boolean running;

    public LastKnownGoodLoader(LastKnownGoodStore store, LastKnownGoodWriter writer, ConfigApplier applier) {
        this.store = store;
        this.writer = writer;
        this.applier = applier;
    }

    @Override
    public void start() {
        running = true;
        if (applier.current().ready()) {
            // a restart of the lifecycle (not of the process): what is served is at least as new as the file
            return;
        }
        LastKnownGood found = store.read();
        if (found instanceof LastKnownGood.Loaded loaded) {
            try {
                applier.applySnapshot(loaded.state(), loaded.keys(), ConfigSource.DISK);
                writer.markOnDisk(loaded.state(), loaded.keys());
            } catch (ConfigValidationException e) {
                log.warn("Ignored invalid last known good configuration at {} ({}); moved it to {}",
                        store.file(), e.getMessage(), store.quarantine());
            }
        } else if (found instanceof LastKnownGood.Corrupt corrupt) {
            log.warn("Ignored corrupt last known good configuration at {} ({}); moved it to {}",
                    store.file(), corrupt.reason(), corrupt.movedTo());
        } else {
            log.info("No last known good configuration at {}; waiting for the admin", store.file());
        }
    }

    @Override
    public void stop() {
        // flush here too: @PreDestroy runs after the web server is gone, this runs while the node drains
        writer.writePending();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
