package dev.gatehouse.admin.publish;

import dev.gatehouse.config.ConfigHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the current configuration revision and content hash. JDBC like the rest of this package: the
 * {@code config_state} row is the publisher's lock, not an entity, and must never sit in a persistence context.
 */
@Service
public class RevisionService {

    private final JdbcClient jdbc;

    RevisionService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The revision and hash as last committed. */
    @Transactional(readOnly = true)
    public RevisionView current() {
        return jdbc.sql("SELECT revision, hash FROM config_state WHERE id")
                .query((rs, n) -> new RevisionView(rs.getLong("revision"), ConfigHash.format(rs.getLong("hash"))))
                .single();
    }
}
