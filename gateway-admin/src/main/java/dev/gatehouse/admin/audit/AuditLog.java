package dev.gatehouse.admin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import dev.gatehouse.admin.web.KeysetCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trail, newest first, with keyset paging on (time, id) so a page costs the same however deep.
 * JDBC, not JPA: rows are never changed, and the filters map to one statement.
 */
@Service
class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    AuditLog(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** One page of the records the filter selects. */
    @Transactional(readOnly = true)
    AuditPage list(AuditFilter filter) {
        KeysetCursor cursor = filter.cursor();
        List<AuditRecord> rows = jdbc.sql("""
                        SELECT * FROM audit_log
                        WHERE (CAST(:actor AS text) IS NULL OR actor_name = :actor)
                          AND (CAST(:kind AS text) IS NULL OR object_kind = :kind)
                          AND (CAST(:objectId AS text) IS NULL OR object_id = :objectId)
                          AND (CAST(:objectName AS text) IS NULL OR object_name = :objectName)
                          AND (CAST(:action AS text) IS NULL OR action = :action)
                          AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
                          AND (CAST(:cursorAt AS timestamptz) IS NULL OR (at, id) < (:cursorAt, :cursorId))
                        ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("actor", filter.actor())
                .param("kind", filter.kind())
                .param("objectId", filter.objectId())
                .param("objectName", filter.objectName())
                .param("action", filter.action() == null ? null : filter.action().wire())
                .param("from", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC))
                .param("to", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC))
                .param("cursorAt", cursor == null ? null : cursor.at().atOffset(ZoneOffset.UTC))
                .param("cursorId", cursor == null ? 0L : cursor.id())
                .param("limit", filter.limit() + 1)
                .query(this::map)
                .list();
        if (rows.size() <= filter.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, filter.limit());
        AuditRecord last = page.get(page.size() - 1);
        return new AuditPage(page, KeysetCursor.of(last.at(), last.id()).encode(AuditFilter.CURSOR_TAG));
    }

    /** The record with this id, if any. */
    @Transactional(readOnly = true)
    Optional<AuditRecord> find(long id) {
        return jdbc.sql("SELECT * FROM audit_log WHERE id = ?").param(id).query(this::map).optional();
    }

    private AuditRecord map(ResultSet rs, int row) throws SQLException {
        long revision = rs.getLong("revision");
        Long committed = rs.wasNull() ? null : revision;
        String before = rs.getString("before");
        String after = rs.getString("after");
        return new AuditRecord(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                new AuditRecord.Actor(rs.getString("actor_type"), rs.getString("actor_name")),
                rs.getString("client_address"), rs.getString("request_id"), rs.getString("action"),
                new AuditRecord.AuditObject(rs.getString("object_kind"), rs.getString("object_id"),
                        rs.getString("object_name")),
                committed, before == null ? null : mapper.readTree(before), after == null ? null : mapper.readTree(after));
    }
}
