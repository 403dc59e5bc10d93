package dev.gatehouse.runtime.node;

/**
 * A part of this node's state that its heartbeat carries to the admin (key usage, call-log shipping, circuits,
 * rate-limit mode). The package that owns the state implements it as a bean, so the package that sends
 * heartbeats depends on none of them; a part whose bean is absent (the call log when disabled) is simply not
 * reported.
 */
@FunctionalInterface
public interface HeartbeatContributor {

    /** Adds this part's current state to the heartbeat being built; called once per heartbeat. */
    void contribute(HeartbeatStatus status);
}
