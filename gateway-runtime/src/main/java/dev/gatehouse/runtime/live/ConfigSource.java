package dev.gatehouse.runtime.live;

/** Where the configuration a node serves came from; reported in heartbeats and as a metric. */
public enum ConfigSource {
    /** Nothing yet: the node refuses traffic. */
    NONE("none"),
    /** Read from the last known good file at start-up, the admin not (yet) reached. */
    DISK("disk"),
    /** Received from the admin. */
    ADMIN("admin");

    private final String wireName;

    ConfigSource(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in heartbeats and metric tags. */
    public String wireName() {
        return wireName;
    }
}
