package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configuration change being written: the revision it will commit as and the objects it changes, each
 * with its state before (for the incremental content hash) and after. Obtained from
 * {@link ConfigPublisher#begin()}, completed with {@link ConfigPublisher#publish(ConfigWrite)}.
 */
public final class ConfigWrite {

    private final long revision;
    private final long baseHash;
    private final List<Entry> entries = new ArrayList<>();
    private String reason;

    ConfigWrite(long revision, long baseHash) {
        this.revision = revision;
        this.baseHash = baseHash;
    }

    /** The revision this change commits as. */
    public long revision() {
        return revision;
    }

    /**
     * Says why this write is made when it is more than an edit ({@code import}, {@code rollback to revision 42}),
     * for the audit trail and the configuration history.
     */
    public ConfigWrite reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** Why this write is made, or null for an ordinary edit. */
    public String reason() {
        return reason;
    }

    /** Records that {@code before} (null when new) became {@code after}. */
    public ConfigWrite upsert(ConfigEntity before, ConfigEntity after) {
        Objects.requireNonNull(after, "after");
        entries.add(new Entry(before, after, ConfigChange.upsert(after)));
        return this;
    }

    /** Records that {@code before} was removed. */
    public ConfigWrite delete(ConfigEntity before) {
        Objects.requireNonNull(before, "before");
        entries.add(new Entry(before, null, ConfigChange.delete(before.kind(), before.id())));
        return this;
    }

    long baseHash() {
        return baseHash;
    }

    List<Entry> entries() {
        return entries;
    }

    record Entry(ConfigEntity before, ConfigEntity after, ConfigChange change) {
    }
}
