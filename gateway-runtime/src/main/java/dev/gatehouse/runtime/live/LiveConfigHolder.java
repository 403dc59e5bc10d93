package dev.gatehouse.runtime.live;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The one place the live configuration is held. Requests read it once and keep that snapshot for their whole
 * life, so a swap never shows a request half of a change.
 */
@Component
public class LiveConfigHolder {

    private final AtomicReference<LiveConfig> current = new AtomicReference<>(LiveConfig.none());

    /** The configuration being served. */
    public LiveConfig current() {
        return current.get();
    }

    /** Replaces the configuration; returns the one it replaced. */
    LiveConfig swap(LiveConfig next) {
        return current.getAndSet(next);
    }
}
