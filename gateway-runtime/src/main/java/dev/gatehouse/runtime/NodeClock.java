package dev.gatehouse.runtime;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The wall clock of the node's time-based decisions (key expiry, brute-force blocks, rate-limit windows, quota
 * periods): the system clock, or a {@link Clock} bean where a test defines one to drive time itself.
 */
public final class NodeClock {

    private NodeClock() {
    }

    /** Epoch milliseconds from the defined {@link Clock} bean, else from the system clock. */
    public static LongSupplier millis(ObjectProvider<Clock> clock) {
        Clock defined = clock.getIfAvailable();
        return defined == null ? System::currentTimeMillis : defined::millis;
    }
}
