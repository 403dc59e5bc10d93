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

    ConfigWrite(long revision, long baseHash) {
        this.revision = revision;
        this.baseHash = baseHash;
    }

    /** The revision this change commits as. */
    public long revision() {
        return revision;
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
