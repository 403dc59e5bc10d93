package dev.gatehouse.admin.publish;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.config.ConfigChangeSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hears about committed configuration revisions from PostgreSQL ({@code LISTEN gatehouse_config}), whichever
 * admin instance committed them, reads the new change-log rows once and hands them to {@link ConfigStream}.
 * Holds one dedicated connection outside the pool, reconnects after failures, and also re-reads the log after
 * every reconnect and every idle interval so that a notification lost with a connection is not a change lost.
 * Plain JDBC throughout: {@code LISTEN} needs the driver's {@link PGConnection} on a connection held for
 * hours, which neither JPA nor the pool can offer.
 */
@Component
class ConfigChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long IDLE_REFRESH_MILLIS = 10_000;
    private static final int BATCH = 1_000;
    /** {@code application_name} of the listening connection, as seen in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "gatehouse-config-listener";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ChangeLog changeLog;
    private final ConfigStream stream;
    private volatile boolean running;
    private volatile Thread thread;
    private long loaded;

    ConfigChangeListener(DataSource dataSource, JdbcClient jdbc, ChangeLog changeLog, ConfigStream stream) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.changeLog = changeLog;
        this.stream = stream;
    }

    @Override
    public void start() {
        loaded = jdbc.sql("SELECT revision FROM config_state WHERE id").query(Long.class).single();
        stream.startAt(loaded);
        running = true;
        Thread t = new Thread(this::run, "gatehouse-config-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after ConfigStream, which closes the streams first.
        return Integer.MAX_VALUE - 1;
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (Connection connection = open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ConfigPublisher.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                backoff = 500;
                refresh();
                long lastRefresh = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    boolean idle = System.nanoTime() - lastRefresh > IDLE_REFRESH_MILLIS * 1_000_000;
                    if (idle) {
                        // Proves the listening connection is still alive; a dead one throws and reconnects.
                        try (Statement ping = connection.createStatement()) {
                            ping.execute("SELECT 1");
                        }
                    }
                    if ((notifications != null && notifications.length > 0) || idle) {
                        refresh();
                        lastRefresh = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Configuration listener lost its database connection ({}); retrying in {} ms",
                        e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void refresh() {
        List<ConfigChangeSet> sets;
        do {
            sets = changeLog.after(loaded, BATCH);
            if (!sets.isEmpty()) {
                if (sets.get(0).fromRevision() != loaded) {
                    log.warn("Change log jumps from revision {} to {}; streams behind will be closed",
                            loaded, sets.get(0).fromRevision());
                }
                // when each revision was written, for the publish latency: only worth a query while nodes listen
                Map<Long, Instant> writtenAt = stream.openStreams() == 0 ? Map.of()
                        : changeLog.writtenAt(loaded, sets.get(sets.size() - 1).toRevision());
                stream.committed(sets, writtenAt);
                loaded = sets.get(sets.size() - 1).toRevision();
            }
        } while (sets.size() >= BATCH);
    }

    private Connection open() throws SQLException {
        // A connection of its own: a pooled one could be retired by the pool while it waits for notifications.
        if (dataSource instanceof HikariDataSource hikari) {
            // The pool's driver settings too: its timeouts let a dead connection fail instead of hanging.
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", APPLICATION_NAME);
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }
}
