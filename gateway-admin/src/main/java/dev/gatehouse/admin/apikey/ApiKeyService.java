package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerRef;
import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.Violation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * API keys of consumers: issue, list, revoke, rotate. A key is generated here from {@link SecureRandom}, returned
 * once by {@link #issue} or {@link #rotate}, and stored and published only as its HMAC-SHA-256 hash and display
 * prefix; it is never logged and cannot be retrieved. Like every published kind, each change takes the
 * configuration lock first and publishes in the same transaction: an issue is a key upsert, a revocation a key
 * delete, a rotation the new key's upsert plus the old key's upsert with its shortened expiry.
 */
@Service
public class ApiKeyService {

    private final ApiKeyRepository repository;
    private final ConsumerService consumers;
    private final KeyScopeNames scopeNames;
    private final KeyHashingSecret secret;
    private final ConfigPublisher publisher;
    private final ConfigValidator validator;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository repository, ConsumerService consumers, KeyScopeNames scopeNames,
                  KeyHashingSecret secret, ConfigPublisher publisher, ConfigValidator validator, Clock clock) {
        this.repository = repository;
        this.consumers = consumers;
        this.scopeNames = scopeNames;
        this.secret = secret;
        this.publisher = publisher;
        this.validator = validator;
        this.clock = clock;
    }

    /** The consumer's keys, newest first, with their status now; {@link NotFoundException} for no consumer. */
    @Transactional(readOnly = true)
    public List<ApiKeyView> list(String consumer) {
        ConsumerRef owner = consumers.ref(consumer);
        Instant now = clock.instant();
        KeyScopeNames.Names names = scopeNames.names();
        return repository.findByConsumerIdOrderByCreatedAtDesc(UUID.fromString(owner.id())).stream()
                .map(key -> key.toView(owner.name(), names.of(key.scopes()), now)).toList();
    }

    /** One key of the consumer; {@link NotFoundException} when the consumer or the key does not exist. */
    @Transactional(readOnly = true)
    public ApiKeyView get(String consumer, String keyId) {
        ConsumerRef owner = consumers.ref(consumer);
        StoredApiKey key = require(owner, keyId);
        return key.toView(owner.name(), scopeNames.names().of(key.scopes()), clock.instant());
    }

    /** Issues a key; the result carries the key itself, the only time it is shown. */
    @Transactional
    public IssuedKey issue(String consumer, IssueKeyRequest request) {
        ConfigWrite write = publisher.begin();
        ConsumerRef owner = consumers.ref(consumer);
        IssueKeyRequest r = request == null ? new IssueKeyRequest(null, null) : request;
        Instant now = now();
        List<Violation> violations = new ArrayList<>();
        Instant expiresAt = r.expiresAt() == null ? null : r.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            violations.add(new Violation("expiresAt", "must be in the future"));
        }
        KeyScopes scopes = scopeNames.resolve(r.scopes(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        NewKey created = newKey(UUID.fromString(owner.id()), scopes, now, expiresAt);
        publisher.publish(write.upsert(null, created.stored().toSpec()));
        return created.issued(scopeNames.names().of(scopes));
    }

    /** As {@link #revoke(String, String, IfMatch)} with no condition. */
    @Transactional
    public void revoke(String consumer, String keyId) {
        revoke(consumer, keyId, IfMatch.NONE);
    }

    /**
     * Revokes a key: nodes drop it at once. Revoking a revoked key changes nothing.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void revoke(String consumer, String keyId, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredApiKey key = require(consumers.ref(consumer), keyId);
        ifMatch.check(key.getId(), key.version());
        if (key.revoked()) {
            // Nothing to publish: give the reserved revision back.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return;
        }
        ApiKeySpec before = key.toSpec();
        key.revoke(now());
        publisher.publish(write.delete(before));
    }

    /** As {@link #rotate(String, String, RotateKeyRequest, IfMatch)} with no condition. */
    @Transactional
    public IssuedKey rotate(String consumer, String keyId, RotateKeyRequest request) {
        return rotate(consumer, keyId, request, IfMatch.NONE);
    }

    /**
     * Replaces an active key with a new one with the same scopes and expiry. The old key keeps working for the
     * grace period (never beyond its own expiry) and shows as {@code rotating} until then; 409
     * {@code key_not_active} for a key that is revoked, expired or already rotated.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the
     * stored one.
     */
    @Transactional
    public IssuedKey rotate(String consumer, String keyId, RotateKeyRequest request, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        ConsumerRef owner = consumers.ref(consumer);
        StoredApiKey old = require(owner, keyId);
        ifMatch.check(old.getId(), old.version());
        Integer requested = request == null ? null : request.gracePeriodSeconds();
        int grace = requested == null ? RotateKeyRequest.DEFAULT_GRACE_SECONDS : requested;
        if (grace < 0 || grace > RotateKeyRequest.MAX_GRACE_SECONDS) {
            throw new InvalidInputException(List.of(new Violation("gracePeriodSeconds",
                    "must be between 0 and " + RotateKeyRequest.MAX_GRACE_SECONDS + " (30 days)")));
        }
        Instant now = now();
        String status = old.status(now);
        if (!status.equals("active")) {
            throw new ConflictException("key_not_active", "key " + old.prefix() + " is " + status
                    + "; only an active key can be rotated (issue a new key instead)");
        }
        NewKey created = newKey(UUID.fromString(owner.id()), old.scopes(), now, old.expiresAt());
        ApiKeySpec oldBefore = old.toSpec();
        old.replace(created.stored().getId(), now.plusSeconds(grace));
        publisher.publish(write.upsert(null, created.stored().toSpec()).upsert(oldBefore, old.toSpec()));
        return created.issued(scopeNames.names().of(old.scopes()));
    }

    private NewKey newKey(UUID consumerId, KeyScopes scopes, Instant now, Instant expiresAt) {
        String key = ApiKeyFormat.generate(random);
        StoredApiKey stored = StoredApiKey.create(UUID.randomUUID(), consumerId, ApiKeyFormat.displayPrefix(key),
                secret.hasher().hashToString(key), scopes, now, expiresAt);
        List<Violation> violations = validator.validate(stored.toSpec());
        if (!violations.isEmpty()) {
            // Only a bug can get here; the violations never contain the key.
            throw new IllegalStateException("generated key fails validation: " + violations);
        }
        repository.save(stored);
        return new NewKey(stored, key);
    }

    private StoredApiKey require(ConsumerRef owner, String keyId) {
        return Ids.parseUuid(keyId).flatMap(repository::findById)
                .filter(key -> key.consumerId().toString().equals(owner.id()))
                .orElseThrow(() -> new NotFoundException("consumer '" + owner.name() + "' has no key '" + keyId
                        + "'"));
    }

    private Instant now() {
        // Milliseconds: the precision nodes see times in (ApiKeySpec.expiresAt).
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record NewKey(StoredApiKey stored, String key) {

        IssuedKey issued(ScopesRequest scopes) {
            return new IssuedKey(stored.getId().toString(), key, stored.prefix(), stored.createdAt(),
                    stored.expiresAt(), scopes);
        }

        @Override
        public String toString() {
            return "NewKey[" + stored.getId() + "]";
        }
    }
}
