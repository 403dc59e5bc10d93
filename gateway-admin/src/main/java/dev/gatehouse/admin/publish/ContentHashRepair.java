package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigHash;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the content hash after a migration changed the published form of stored objects (a migration sets
 * {@code config_state.rehash}; V3 did when routes gained auth). The stored hash is otherwise only ever updated
 * incrementally, so without this every node would refuse every snapshot. Runs once, on the first admin that
 * starts after the migration: under the configuration lock it advances the revision, stores the recomputed hash
 * and drops the change log, which sends every node a fresh snapshot (a node cannot apply changes to objects whose
 * published form it knew differently).
 */
@Component
class ContentHashRepair implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ContentHashRepair.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final StreamStart content;
    private final ConfigHash hasher;

    ContentHashRepair(JdbcClient jdbc, PlatformTransactionManager transactions, StreamStart content,
                      ConfigHash hasher) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.content = content;
        this.hasher = hasher;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Boolean needed = transaction.execute(status ->
                jdbc.sql("SELECT rehash FROM config_state WHERE id").query(Boolean.class).single());
        if (Boolean.TRUE.equals(needed)) {
            repair();
        }
    }

    /** Recomputes the hash if still needed; another admin starting at the same time may have done it. */
    void repair() {
        transaction.executeWithoutResult(status -> {
            // Takes the configuration lock; a second admin waits here and then finds nothing left to do.
            Optional<Long> revision = jdbc.sql("UPDATE config_state SET revision = revision + 1"
                    + " WHERE id AND rehash RETURNING revision").query(Long.class).optional();
            if (revision.isEmpty()) {
                return;
            }
            long hash = content.computeHash(hasher);
            jdbc.sql("UPDATE config_state SET hash = ?, rehash = false WHERE id").param(hash).update();
            jdbc.sql("DELETE FROM config_revisions").update();
            jdbc.sql("SELECT pg_notify(?, ?)").params(ConfigPublisher.CHANNEL, Long.toString(revision.get()))
                    .query((rs, n) -> 1).list();
            log.warn("Content hash recomputed at revision {} after a migration; nodes will take a fresh snapshot",
                    revision.get());
        });
    }
}
