package dev.gatehouse.admin.audit;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit trail ({@code audit_log}). Configuration changes reach it from the one place every write goes
 * through, the publisher ({@link ChangeAudit}), inside the write's own transaction: a change that rolls back leaves no record and a
 * record that cannot be written rolls the change back. Changes to users and API tokens reach it the same way from
 * their services ({@link #accountChanged}), and sign-in attempts from the sign-in ({@link #signIn}). Who and from where come from the current request (the
 * signed-in user or API token, the client address after trusted-proxy resolution, an {@code X-Request-Id});
 * outside a request the actor is {@code system}. Secrets are redacted before anything is stored ({@link Redaction}).
 * The table refuses UPDATE and DELETE itself (migration V15); rows leave only by retention ({@link AuditRetention}).
 */
@Service
public class AuditTrail implements ChangeAudit {

    /** Longest client address, request id, actor or object name kept; longer text is cut. */
    static final int MAX_TEXT = 200;
    /** Object kinds of {@link #accountChanged}: console users and service accounts, admin API tokens. */
    static final List<String> ACCOUNT_KINDS = List.of("user", "token");

    private final JdbcClient jdbc;
    private final ConfigJson configJson;
    private final JsonMapper mapper;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, ConfigJson configJson, JsonMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.configJson = configJson;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Records the changes of one configuration write, committed as {@code revision}, in its transaction. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void written(long revision, String reason, List<Change> changes) {
        RequestOrigin origin = RequestOrigin.current();
        for (AuditEntry entry : ConfigChanges.entries(changes, this::toJson)) {
            insert(origin, entry, revision);
        }
    }

    /** Records a forced restore of the cluster identity, in the restore's transaction. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forceRestored(long revision, String clusterId, Map<String, Object> before,
                              Map<String, Object> after) {
        RequestOrigin origin = RequestOrigin.current();
        JsonNode old = mapper.valueToTree(before);
        insert(origin, new AuditEntry(AuditAction.FORCE_RESTORE, "cluster", clusterId, "cluster",
                Redaction.before(old), Redaction.after(mapper.valueToTree(after), old)), revision);
    }

    /**
     * Records a change to a console user or service account ({@code user}) or an admin API token ({@code token})
     * made through the API or the console, inside the change's transaction: the change commits if and only if
     * its record does. {@code before} and {@code after} are the object as listed (a user without its password
     * hash, a token without the token); they are redacted again here all the same, so a field named like a
     * secret never reaches the table. Users and tokens are no configuration, so the record has no revision.
     *
     * @param action what happened
     * @param kind   {@code user} or {@code token}
     * @param id     the object's id
     * @param name   its name (the user name, the token's name)
     * @param before the object before, or null when created
     * @param after  the object after, or null when deleted or revoked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void accountChanged(AuditAction action, String kind, String id, String name, Object before,
                               Object after) {
        if (!ACCOUNT_KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a user or token change: " + kind);
        }
        RequestOrigin origin = RequestOrigin.current();
        JsonNode old = before == null ? null : mapper.valueToTree(before);
        JsonNode now = after == null ? null : mapper.valueToTree(after);
        insert(origin, new AuditEntry(action, kind, id, name, Redaction.before(old),
                Redaction.after(now, old)), null);
    }

    /**
     * Records a console sign-in attempt: the name as typed (it may name no user; a password is never passed
     * here) and the client address the sign-in saw.
     */
    @Transactional
    public void signIn(String username, String clientAddress, AuditAction outcome) {
        signIn(username, clientAddress, outcome, null);
    }

    /**
     * Records a console sign-in attempt with details kept as the entry's {@code after} (for a single sign-on:
     * {@code method} and, when refused, {@code reason}); never a password, token or code.
     */
    @Transactional
    public void signIn(String username, String clientAddress, AuditAction outcome, Map<String, String> details) {
        if (outcome != AuditAction.SIGN_IN && outcome != AuditAction.SIGN_IN_FAILED
                && outcome != AuditAction.SIGN_IN_THROTTLED) {
            throw new IllegalArgumentException("not a sign-in outcome: " + outcome);
        }
        String name = username == null ? "" : username;
        insert(new AuditActor("user", name), clientAddress, RequestOrigin.currentRequestId(),
                new AuditEntry(outcome, "user", null, name, null,
                        details == null || details.isEmpty() ? null : mapper.valueToTree(details)), null);
    }

    private void insert(RequestOrigin origin, AuditEntry entry, Long revision) {
        insert(origin.actor(), origin.address(), origin.requestId(), entry, revision);
    }

    private void insert(AuditActor actor, String address, String requestId, AuditEntry entry, Long revision) {
        jdbc.sql("""
                        INSERT INTO audit_log (at, actor_type, actor_name, client_address, request_id, action,
                                               object_kind, object_id, object_name, revision, before, after)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""")
                .param(OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .param(actor.type())
                .param(cut(actor.name()))
                .param(cut(address))
                .param(requestId)
                .param(entry.action().wire())
                .param(entry.objectKind())
                .param(cut(entry.objectId()))
                .param(cut(entry.objectName()))
                .param(revision)
                .param(entry.before() == null ? null : mapper.writeValueAsString(entry.before()))
                .param(entry.after() == null ? null : mapper.writeValueAsString(entry.after()))
                .update();
    }

    private JsonNode toJson(ConfigEntity entity) {
        return mapper.readTree(configJson.writeString(entity));
    }

    private static String cut(String text) {
        return TextLimit.cut(text, MAX_TEXT);
    }
}
