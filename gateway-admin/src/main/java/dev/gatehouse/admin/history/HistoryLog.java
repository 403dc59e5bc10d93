package dev.gatehouse.admin.history;

import dev.gatehouse.config.EntityKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the configuration history tables. JDBC, not JPA: rows are never changed, and each read is one statement.
 * Callers hold the transaction.
 */
@Repository
class HistoryLog {

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    HistoryLog(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The revision the history starts at. */
    long start() {
        return jdbc.sql("SELECT revision FROM config_history_start").query(Long.class).single();
    }

    /** The latest committed revision. */
    long current() {
        return jdbc.sql("SELECT revision FROM config_state WHERE id").query(Long.class).single();
    }

    /** One page of the revisions the filter selects, newest first, and the cursor of the next. */
    Page list(RevisionFilter filter) {
        List<Revision> rows = jdbc.sql("""
                        SELECT h.* FROM config_history h
                        WHERE (CAST(:actor AS text) IS NULL OR h.actor_name = :actor)
                          AND (CAST(:from AS timestamptz) IS NULL OR h.committed_at >= :from)
                          AND (CAST(:to AS timestamptz) IS NULL OR h.committed_at < :to)
                          AND (CAST(:cursor AS bigint) IS NULL OR h.revision < :cursor)
                          AND ((CAST(:kind AS text) IS NULL AND CAST(:name AS text) IS NULL) OR EXISTS (
                                SELECT 1 FROM config_history_objects o WHERE o.revision = h.revision
                                  AND (CAST(:kind AS text) IS NULL OR o.kind = :kind)
                                  AND (CAST(:name AS text) IS NULL OR o.name = :name
                                       OR o.before ->> 'name' = :name)))
                        ORDER BY h.revision DESC LIMIT :limit""")
                .param("actor", filter.actor())
                .param("from", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC))
                .param("to", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC))
                .param("cursor", filter.cursor() == null ? null : filter.cursor().revision())
                .param("kind", filter.kind())
                .param("name", filter.name())
                .param("limit", filter.limit() + 1)
                .query(this::revisionWithoutObjects)
                .list();
        String next = null;
        if (rows.size() > filter.limit()) {
            rows = rows.subList(0, filter.limit());
            next = new RevisionCursor(rows.get(rows.size() - 1).revision()).encode();
        }
        return new Page(withObjects(rows), next);
    }

    /** The revision, if the history has it. */
    Optional<Revision> find(long revision) {
        return jdbc.sql("SELECT * FROM config_history WHERE revision = ?").param(revision)
                .query(this::revisionWithoutObjects).optional()
                .map(found -> withObjects(List.of(found)).get(0));
    }

    /** Every change of the revisions {@code (low, high]} to objects of these kinds, in the order written. */
    List<HistoryRow> rows(long low, long high, Collection<EntityKind> kinds) {
        return jdbc.sql("""
                        SELECT * FROM config_history_objects
                        WHERE revision > :low AND revision <= :high AND kind IN (:kinds)
                        ORDER BY revision, seq""")
                .param("low", low)
                .param("high", high)
                .param("kinds", kinds.stream().map(ObjectChange::wire).toList())
                .query(this::row)
                .list();
    }

    private List<Revision> withObjects(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return revisions;
        }
        Map<Long, List<Revision.ObjectRef>> objects = new LinkedHashMap<>();
        jdbc.sql("SELECT revision, kind, name, op FROM config_history_objects WHERE revision IN (:revisions)"
                        + " ORDER BY revision, seq")
                .param("revisions", revisions.stream().map(Revision::revision).toList())
                .query(rs -> {
                    objects.computeIfAbsent(rs.getLong("revision"), k -> new ArrayList<>()).add(
                            new Revision.ObjectRef(rs.getString("kind"), rs.getString("name"), rs.getString("op")));
                });
        return revisions.stream().map(revision -> {
            List<Revision.ObjectRef> changed = objects.getOrDefault(revision.revision(), List.of());
            return new Revision(revision.revision(), revision.at(), revision.actor(), revision.reason(),
                    Revision.Counts.of(changed), changed);
        }).toList();
    }

    private Revision revisionWithoutObjects(ResultSet rs, int row) throws SQLException {
        return new Revision(rs.getLong("revision"), rs.getObject("committed_at", OffsetDateTime.class).toInstant(),
                new Revision.Actor(rs.getString("actor_type"), rs.getString("actor_name")), rs.getString("reason"),
                new Revision.Counts(0, 0, 0), List.of());
    }

    private HistoryRow row(ResultSet rs, int row) throws SQLException {
        String before = rs.getString("before");
        String after = rs.getString("after");
        return new HistoryRow(rs.getLong("revision"), rs.getInt("seq"),
                EntityKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("entity_id"),
                rs.getString("name"), ObjectOp.fromWire(rs.getString("op")),
                before == null ? null : mapper.readTree(before), after == null ? null : mapper.readTree(after));
    }

    /** A page of revisions and the cursor of the next, or null. */
    record Page(List<Revision> items, String next) {
    }
}
