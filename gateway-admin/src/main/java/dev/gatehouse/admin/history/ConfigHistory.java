package dev.gatehouse.admin.history;

import dev.gatehouse.admin.audit.RequestOrigin;
import dev.gatehouse.admin.publish.ChangeAudit;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.admin.web.TextLimit;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigJson;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the configuration history ({@code config_history}, {@code config_history_objects}): for every revision,
 * who committed it, when, from where and why, and each object it changed before and after. Called by the
 * publisher ({@link ChangeAudit}) inside the write's own transaction, so a revision commits if and only if its
 * history does. Objects are stored as contract JSON with secrets redacted ({@link Redaction}); keys and the
 * cluster settings as kind, id, name and operation only, so the history never holds key material. The tables
 * refuse UPDATE, DELETE and TRUNCATE themselves (migration V17).
 */
@Service
class ConfigHistory implements ChangeAudit {

    static final String RESTORED = "cluster identity restored";
    /** Longest actor name, reason or client address kept; longer text is cut. */
    private static final int MAX_TEXT = 200;

    private final JdbcClient jdbc;
    private final ConfigJson configJson;
    private final JsonMapper mapper;
    private final Clock clock;

    ConfigHistory(JdbcClient jdbc, ConfigJson configJson, JsonMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.configJson = configJson;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void written(long revision, String reason, List<Change> changes) {
        RequestOrigin who = RequestOrigin.current();
        if (changes.isEmpty()) {
            // A forced restore publishes a revision without changes and then says so (forceRestored): its row,
            // with the reason, is written there; any other empty revision gets its row when the write commits.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insertRevision(revision, who, reason, true);
                }
            });
            return;
        }
        insertRevision(revision, who, reason, false);
        int seq = 0;
        for (Change change : changes) {
            ConfigEntity object = change.after() != null ? change.after() : change.before();
            JsonNode before = null;
            JsonNode after = null;
            if (HistoryRow.hasPayload(object.kind())) {
                JsonNode plainBefore = change.before() == null ? null : toJson(change.before());
                before = Redaction.before(plainBefore);
                after = change.after() == null ? null
                        : Redaction.after(toJson(change.after()), plainBefore);
            }
            jdbc.sql("""
                            INSERT INTO config_history_objects (revision, seq, kind, entity_id, name, op, before, after)
                            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""")
                    .param(revision)
                    .param(seq++)
                    .param(ObjectChange.wire(object.kind()))
                    .param(object.id())
                    .param(object.name())
                    .param(ObjectOp.of(change.before(), change.after()).wire())
                    .param(before == null ? null : mapper.writeValueAsString(before))
                    .param(after == null ? null : mapper.writeValueAsString(after))
                    .update();
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forceRestored(long revision, String clusterId, Map<String, Object> before,
                              Map<String, Object> after) {
        insertRevision(revision, RequestOrigin.current(), RESTORED, false);
    }

    private void insertRevision(long revision, RequestOrigin who, String reason, boolean unlessWritten) {
        jdbc.sql("INSERT INTO config_history (revision, committed_at, actor_type, actor_name, reason, client_address)"
                        + " VALUES (?, ?, ?, ?, ?, ?)" + (unlessWritten ? " ON CONFLICT (revision) DO NOTHING" : ""))
                .param(revision)
                .param(OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .param(who.actor().type())
                .param(cut(who.actor().name()))
                .param(cut(reason))
                .param(cut(who.address()))
                .update();
    }

    private JsonNode toJson(ConfigEntity entity) {
        return mapper.readTree(configJson.writeString(entity));
    }

    private static String cut(String text) {
        return TextLimit.cut(text, MAX_TEXT);
    }
}
