package dev.gatehouse.runtime.live;

import java.util.function.Supplier;

/**
 * State kept for the newest configuration requests have used (compiled policies, route filter chains), started
 * afresh when a newer configuration shows up, so nothing built for one configuration is used with another. A
 * request still running on an older configuration while a swap happens gets {@code null}: it builds what it needs
 * without caching and never replaces the newer state.
 *
 * @param <S> the state kept per configuration
 */
public final class PerConfiguration<S> {

    private final Supplier<S> fresh;
    private volatile Entry<S> current;

    private record Entry<S>(LiveConfig config, S state) {
    }

    /** @param fresh makes the empty state of a new configuration */
    public PerConfiguration(Supplier<S> fresh) {
        this.fresh = fresh;
        this.current = new Entry<>(LiveConfig.none(), fresh.get());
    }

    /** The state of {@code config}, started when the configuration is new; null for an older configuration. */
    public S of(LiveConfig config) {
        Entry<S> entry = current;
        if (entry.config() == config) {
            return entry.state();
        }
        synchronized (this) {
            entry = current;
            if (entry.config() == config) {
                return entry.state();
            }
            if (config.revision() < entry.config().revision()) {
                return null;
            }
            entry = new Entry<>(config, fresh.get());
            current = entry;
            return entry.state();
        }
    }
}
