package dev.gatehouse.runtime.lkg;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.live.ConfigApplied;
import dev.gatehouse.runtime.live.ConfigSource;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the last known good file in step with the configuration received from the admin. Writes run on
 * {@code boundedElastic} (never on the thread that applied the change, which may serve the stream) and are
 * coalesced: when changes arrive faster than {@link #COALESCE_MILLIS}, only the newest state is written.
 */
@Component
public class LastKnownGoodWriter {

    /** How long a write waits for later changes to fold into it. */
    static final long COALESCE_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(LastKnownGoodWriter.class);

    private final LastKnownGoodStore store;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final AtomicReference<ConfigState> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ConfigState onDisk;

    public LastKnownGoodWriter(LastKnownGoodStore store) {
        this.store = store;
    }

    @EventListener
    void onConfigApplied(ConfigApplied event) {
        if (event.config().source() == ConfigSource.ADMIN) {
            submit(event.config().state());
        }
    }

    /** Records that {@code state} is what the file already holds, so it is not written again. */
    void markOnDisk(ConfigState state) {
        onDisk = state;
    }

    /** Asks for {@code state} to be written soon. */
    void submit(ConfigState state) {
        pending.set(state);
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::drain, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        try {
            writePending();
        } finally {
            scheduled.set(false);
            if (pending.get() != null && scheduled.compareAndSet(false, true)) {
                scheduler.schedule(this::drain, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Writes what is pending now; on shutdown so that the newest configuration survives a restart. */
    @PreDestroy
    public synchronized void writePending() {
        ConfigState state = pending.getAndSet(null);
        ConfigState written = onDisk;
        if (state == null
                || (written != null && written.revision() == state.revision() && written.hash() == state.hash())) {
            return;
        }
        try {
            store.write(state.toSnapshot());
            onDisk = state;
            log.debug("Wrote last known good configuration revision {} to {}", state.revision(), store.file());
        } catch (Exception e) {
            log.warn("Could not write the last known good configuration to {}: {}", store.file(), e.toString());
        }
    }
}
