package dev.gatehouse.runtime.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Slows down guessing of credentials, per client address and per node: every failed authentication (an invalid or
 * unknown key or token, not a missing one) counts in a fixed window that starts at the first failure; the
 * {@code maxFailures}-th failure within {@code window} blocks the address for {@code block}, during which
 * authenticated routes answer 429 {@code too_many_auth_failures} without looking at the credentials at all.
 *
 * <p>Memory is bounded: at most {@code maxTrackedClients} addresses are tracked. When the map is full, finished
 * windows are swept out (at most once a second); if it is still full, further new addresses are not counted until
 * room frees up — a deliberate fail-open, since refusing them would let an attacker with many addresses lock out
 * everyone. The check on the request path is one lock-free map read; failures update their entry atomically.
 */
public final class BruteForceLimiter {

    private final boolean enabled;
    private final int maxFailures;
    private final long windowMillis;
    private final long blockMillis;
    private final int maxTracked;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> clients = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    /** The counting state of one address; replaced, never changed. */
    private record Window(long start, int failures, long blockedUntil) {
    }

    public BruteForceLimiter(AuthProperties.BruteForce settings, LongSupplier clockMillis) {
        this.enabled = settings.enabled();
        this.maxFailures = settings.maxFailures();
        this.windowMillis = settings.window().toMillis();
        this.blockMillis = settings.block().toMillis();
        this.maxTracked = settings.maxTrackedClients();
        this.clock = clockMillis;
    }

    /** Seconds (rounded up) the client is still blocked for, or 0 when it may try. */
    public long blockedForSeconds(String client) {
        if (!enabled || client == null) {
            return 0;
        }
        Window window = clients.get(client);
        if (window == null) {
            return 0;
        }
        long left = window.blockedUntil() - clock.getAsLong();
        return left <= 0 ? 0 : (left + 999) / 1_000;
    }

    /** Counts one failed authentication by the client. */
    public void recordFailure(String client) {
        if (!enabled || client == null) {
            return;
        }
        long now = clock.getAsLong();
        if (clients.size() >= maxTracked && !clients.containsKey(client)) {
            sweep(now);
            if (clients.size() >= maxTracked) {
                return;
            }
        }
        clients.compute(client, (address, window) -> next(window, now));
    }

    /** Addresses currently tracked. */
    public int trackedClients() {
        return clients.size();
    }

    private Window next(Window window, long now) {
        Window current = window == null || finished(window, now) ? new Window(now, 0, 0) : window;
        int failures = current.failures() + 1;
        if (failures >= maxFailures) {
            return new Window(now, 0, now + blockMillis);
        }
        return new Window(current.start(), failures, current.blockedUntil());
    }

    private boolean finished(Window window, long now) {
        return window.blockedUntil() <= now && now - window.start() >= windowMillis;
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if ((last != Long.MIN_VALUE && now - last < 1_000) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        clients.entrySet().removeIf(entry -> finished(entry.getValue(), now));
    }
}
