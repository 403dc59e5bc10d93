package dev.gatehouse.runtime.sync;

import dev.gatehouse.config.ConfigRefusal;

/**
 * The admin offered a configuration the node must not take (see {@link AcceptanceRule}): the node keeps what it
 * serves, drops the connection and tries again later, without asking for a full snapshot.
 */
public class ConfigRefusedException extends RuntimeException {

    private final transient ConfigRefusal refusal;

    public ConfigRefusedException(ConfigRefusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    /** Why. */
    public ConfigRefusal refusal() {
        return refusal;
    }
}
