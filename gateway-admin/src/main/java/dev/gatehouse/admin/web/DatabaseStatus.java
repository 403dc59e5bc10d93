package dev.gatehouse.admin.web;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether the admin currently believes PostgreSQL is unreachable, for the console's banner. A request that fails
 * for want of the database marks it down; while down, a probe checks every {@code gatehouse.database.probe-interval}
 * (default 2 s) and marks it up as soon as a connection works again. While up nothing is probed, so this costs
 * nothing in normal operation.
 */
@Component
public class DatabaseStatus {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStatus.class);

    private final DataSource dataSource;
    private volatile boolean down;

    public DatabaseStatus(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the database was reachable when last tried. */
    public boolean reachable() {
        return !down;
    }

    /** Records that a request just failed because the database could not be reached. */
    public void unreachable() {
        if (!down) {
            down = true;
            log.warn("PostgreSQL is unreachable: changes cannot be saved until it is back; nodes keep serving");
        }
    }

    @Scheduled(initialDelayString = "${gatehouse.database.probe-interval:2s}",
            fixedDelayString = "${gatehouse.database.probe-interval:2s}")
    void probe() {
        if (!down) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                down = false;
                log.info("PostgreSQL is reachable again");
            }
        } catch (SQLException | RuntimeException e) {
            // still down; the next probe tries again
        }
    }
}
