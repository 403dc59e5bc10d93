package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigEntity;
import java.util.List;
import java.util.Map;

/**
 * Audits configuration writes: {@link ConfigPublisher#publish} hands it every write's changes inside the write's
 * transaction, so a write commits if and only if its audit does. Implemented by the audit trail; an interface here
 * so that publishing does not depend on the audit feature or the configuration history (each implements it) (which depends on the console, which reads revisions).
 */
public interface ChangeAudit {

    /**
     * Records the changes of one write, committed as {@code revision}; a failure rolls the write back.
     *
     * @param revision the revision the write commits as
     * @param reason   why the write was made when it is more than an edit (an import, a rollback), else null
     * @param changes  each changed object before and after, in the order written
     */
    void written(long revision, String reason, List<Change> changes);

    /**
     * Records a forced restore of the cluster identity, which changes no configuration object and so has no
     * {@link Change}; a failure rolls the restore back.
     *
     * @param revision  the revision the restore commits as
     * @param clusterId the cluster id after the restore
     * @param before    the identity before (id, epoch, who restored it last and why)
     * @param after     the identity after
     */
    void forceRestored(long revision, String clusterId, Map<String, Object> before, Map<String, Object> after);

    /**
     * One configuration object before and after a write.
     *
     * @param before the object before, or null when the write creates it
     * @param after  the object after, or null when the write deletes it
     */
    record Change(ConfigEntity before, ConfigEntity after) {
    }
}
