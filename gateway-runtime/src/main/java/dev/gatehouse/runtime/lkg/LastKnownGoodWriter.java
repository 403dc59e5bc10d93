package dev.gatehouse.runtime.lkg;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.GatehouseProperties;
import dev.gatehouse.runtime.keys.KeyTable;
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
 * Keeps the last known good file in step with the configuration received from the admin. With a million keys the
 * file is about 80 MB, so writes are coalesced: the first change after a quiet period is written after
 * {@link #FIRST_DELAY_MILLIS}, later ones at most once per {@code gatehouse.lkg-write-interval} (5 s), and whatever
 * is pending when the node stops. Writes run on {@code boundedElastic}, never on the thread that applied the change
 * (which serves the stream) and never on the event loop.
 *
 * <p>What is written is captured when the configuration is applied: the state and a {@link KeyTable.View} of the
 * keys at that moment (no copy; later key changes do not show in it), so the file is always one consistent revision.
 */
@Component
public class LastKnownGoodWriter {

    /** How long the first write after a quiet period waits for further changes to fold into it. */
    static final long FIRST_DELAY_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(LastKnownGoodWriter.class);

    /** A configuration waiting to be written. */
    private record Pending(ConfigState state, KeyTable.View keys) {
        long contentHash() {
            return state.hash() + keys.keysHash();
        }
    }

    private final LastKnownGoodStore store;
    private final long intervalMillis;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastWriteMillis;
    private volatile long onDiskRevision = -1;
    private volatile long onDiskHash;

    public LastKnownGoodWriter(LastKnownGoodStore store, GatehouseProperties properties) {
        this.store = store;
        this.intervalMillis = properties.lkgWriteInterval().toMillis();
    }

    @EventListener
    void onConfigApplied(ConfigApplied event) {
        if (event.config().source() == ConfigSource.ADMIN) {
            // runs on the applying thread, before the next change can touch the key table
            submit(new Pending(event.config().state(), event.config().keys().view()));
        }
    }

    /** Records what the file already holds, so it is not written again. */
    void markOnDisk(ConfigState state, KeyTable keys) {
        onDiskRevision = state.revision();
        onDiskHash = state.hash() + keys.keysHash();
    }

    private void submit(Pending next) {
        pending.set(next);
        if (scheduled.compareAndSet(false, true)) {
            long sinceLast = System.currentTimeMillis() - lastWriteMillis;
            scheduler.schedule(this::drain, Math.max(FIRST_DELAY_MILLIS, intervalMillis - sinceLast),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        try {
            writePending();
        } finally {
            scheduled.set(false);
            if (pending.get() != null && scheduled.compareAndSet(false, true)) {
                scheduler.schedule(this::drain, intervalMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Writes what is pending now; also on shutdown, so that the newest configuration survives a restart. */
    @PreDestroy
    public synchronized void writePending() {
        Pending next = pending.getAndSet(null);
        if (next == null || (next.state().revision() == onDiskRevision && next.contentHash() == onDiskHash)) {
            return;
        }
        long start = System.currentTimeMillis();
        try {
            store.write(next.state().toSnapshot(next.keys().size(), next.keys().keysHash()), next.keys());
            onDiskRevision = next.state().revision();
            onDiskHash = next.contentHash();
            log.debug("Wrote last known good configuration revision {} ({} keys) to {} in {} ms",
                    next.state().revision(), next.keys().size(), store.file(), System.currentTimeMillis() - start);
        } catch (Exception e) {
            log.warn("Could not write the last known good configuration to {}: {}", store.file(), e.toString());
        } finally {
            lastWriteMillis = System.currentTimeMillis();
        }
    }
}
