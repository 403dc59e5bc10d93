package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigEntity;
import java.util.List;

/**
 * Audits configuration writes: {@link ConfigPublisher#publish} hands it every write's changes inside the write's
 * transaction, so a write commits if and only if its audit does. Implemented by the audit trail; an interface here
 * so that publishing does not depend on the audit feature (which depends on the console, which reads revisions).
 */
public interface ChangeAudit {

    /**
     * Records the changes of one write, committed as {@code revision}; a failure rolls the write back.
     *
     * @param revision the revision the write commits as
     * @param changes  each changed object before and after, in the order written
     */
    void written(long revision, List<Change> changes);

    /**
     * One configuration object before and after a write.
     *
     * @param before the object before, or null when the write creates it
     * @param after  the object after, or null when the write deletes it
     */
    record Change(ConfigEntity before, ConfigEntity after) {
    }
}
