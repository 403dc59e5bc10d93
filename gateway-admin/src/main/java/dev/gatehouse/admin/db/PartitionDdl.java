package dev.gatehouse.admin.db;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partition DDL of a table partitioned by time ({@code call_log} by day, {@code audit_log} by month): lists its
 * partitions, and runs DDL in its own short transaction under the table's advisory lock, so several admin instances
 * never race on it and a caller's transaction never holds DDL locks. Partition names are made by the owner from
 * dates, never from input text.
 */
public final class PartitionDdl {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final String parent;
    private final long lock;

    /**
     * @param parent the partitioned table
     * @param lock   the advisory lock key serialising its DDL across admin instances
     */
    public PartitionDdl(JdbcClient jdbc, PlatformTransactionManager transactions, String parent, long lock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.parent = parent;
        this.lock = lock;
    }

    /** The names of the table's partitions, in no order. */
    public List<String> partitions() {
        return jdbc.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = ?::regclass")
                .param(parent).query(String.class).list();
    }

    /** Runs {@code work} in its own transaction holding the table's advisory lock. */
    public void locked(Consumer<JdbcClient> work) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(lock).query().listOfRows();
            work.accept(jdbc);
        });
    }

    /** Drops one partition, with every row in it, under the lock. */
    public void drop(String partition) {
        locked(sql -> sql.sql("DROP TABLE IF EXISTS " + partition).update());
    }
}
