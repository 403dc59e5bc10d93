package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditAction;
import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.AdminUser;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.user.UserView;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin API tokens. A token is looked up by its SHA-256 digest (an indexed equality match), so the plain token
 * is never stored and lookup time does not depend on how much of a guess is right. Each token belongs to a user
 * or service account and never does more than its owner: its role is capped at creation and again at every
 * use, and a disabled or deleted owner's tokens stop working. Creating and revoking a token through the API or
 * the console writes one audit record in the same transaction (kind {@code token}; before and after as
 * {@link TokenView}: name, owner, role, expiry, last use, never the token or its digest). Bootstrap tokens
 * ({@link #storeIfAbsent}) are not audited.
 */
@Service
public class ApiTokenService {

    /** Prefix of generated API tokens, so a leaked one is recognisable. */
    public static final String PREFIX = "gha_";
    /** Longest token name. */
    static final int MAX_NAME = 100;

    private final ApiTokenRepository repository;
    private final AdminUserService users;
    private final Clock clock;
    private final AuditTrail audit;

    ApiTokenService(ApiTokenRepository repository, AdminUserService users, Clock clock, AuditTrail audit) {
        this.repository = repository;
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Who the token speaks for, if it is a known, unexpired token of an enabled owner; records its use at most
     * once a minute (a write only then: the entity is unchanged otherwise).
     */
    @Transactional
    public Optional<TokenIdentity> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        Instant now = now();
        return repository.findByTokenHash(TokenDigest.sha256Hex(token))
                .filter(stored -> !stored.expired(now))
                .flatMap(stored -> users.find(stored.ownerId())
                        .filter(AdminUser::enabled)
                        .map(owner -> {
                            stored.used(now);
                            return new TokenIdentity(stored.id(), stored.name(), owner.username(),
                                    stored.role().atMost(owner.role()));
                        }));
    }

    /** Whether any token exists. */
    @Transactional(readOnly = true)
    public boolean any() {
        return repository.count() > 0;
    }

    /** Stores a bootstrap token (owned by the bootstrap service account) unless its digest is already stored. */
    @Transactional
    public boolean storeIfAbsent(String name, String token, Role role) {
        return repository.insertIfAbsent(UUID.randomUUID(), name, TokenDigest.sha256Hex(token), role.name(),
                AdminUserService.BOOTSTRAP_ACCOUNT) == 1;
    }

    /**
     * Creates a token for {@code ownerName} (the caller when null; only admins name someone else) with a role no
     * higher than the owner's nor the caller's; every violation is a field error and nothing is stored.
     */
    @Transactional
    public CreatedToken create(String callerName, Role callerRole, String name, String role, String ownerName,
                               String expiresAt) {
        List<Violation> violations = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            violations.add(new Violation("name", "must be 1-" + MAX_NAME + " characters"));
        }
        AdminUser owner = owner(callerName, callerRole, ownerName, violations);
        Role parsed = role(role, violations);
        if (parsed != null && owner != null && !owner.role().includes(parsed)) {
            violations.add(new Violation("role", "must not exceed the owner's role (" + owner.role() + ")"));
        } else if (parsed != null && !callerRole.includes(parsed)) {
            violations.add(new Violation("role", "must not exceed your own role (" + callerRole + ")"));
        }
        Instant now = now();
        Instant expiry = expiry(expiresAt, now, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String token = TokenDigest.generate(PREFIX);
        StoredApiToken stored = repository.save(
                new StoredApiToken(trimmed, TokenDigest.sha256Hex(token), parsed, owner.id(), now, expiry));
        audit.accountChanged(AuditAction.CREATE, "token", stored.id().toString(), trimmed, null,
                stored.toView(owner.username()));
        return new CreatedToken(stored.id(), trimmed, owner.username(), parsed, expiry, token);
    }

    /** The caller's own tokens; every token for an admin. Newest first. */
    @Transactional(readOnly = true)
    public List<TokenView> list(String callerName, Role callerRole) {
        if (callerRole == Role.ADMIN) {
            Map<UUID, String> names = users.list().stream()
                    .collect(Collectors.toMap(UserView::id, UserView::username));
            return repository.findAllByOrderByCreatedAtDesc().stream()
                    .map(t -> t.toView(names.getOrDefault(t.ownerId(), "?"))).toList();
        }
        return users.find(callerName).map(owner -> repository.findByOwnerIdOrderByCreatedAtDesc(owner.id())
                .stream().map(t -> t.toView(owner.username())).toList()).orElse(List.of());
    }

    /** Revokes (deletes) a token: one's own, or any for an admin; 404 for others' tokens, as if absent. */
    @Transactional
    public void revoke(String callerName, Role callerRole, String id) {
        StoredApiToken token = parseId(id).flatMap(repository::findById)
                .filter(t -> callerRole == Role.ADMIN || users.find(callerName)
                        .map(owner -> owner.id().equals(t.ownerId())).orElse(false))
                .orElseThrow(() -> new NotFoundException("token " + id + " not found"));
        TokenView before = token.toView(users.find(token.ownerId()).map(AdminUser::username).orElse("?"));
        repository.delete(token);
        audit.accountChanged(AuditAction.REVOKE, "token", before.id().toString(), before.name(), before, null);
    }

    private AdminUser owner(String callerName, Role callerRole, String ownerName, List<Violation> violations) {
        boolean other = ownerName != null && !ownerName.isBlank() && !ownerName.equals(callerName);
        if (other && callerRole != Role.ADMIN) {
            violations.add(new Violation("owner", "only admins create tokens for other users"));
            return null;
        }
        Optional<AdminUser> owner = users.find(other ? ownerName : callerName);
        if (owner.isEmpty() || !owner.get().enabled()) {
            violations.add(new Violation("owner", "must be an enabled user or service account"));
            return null;
        }
        return owner.get();
    }

    private static Role role(String role, List<Violation> violations) {
        for (Role candidate : Role.values()) {
            if (candidate.name().equalsIgnoreCase(role == null ? "" : role.strip())) {
                return candidate;
            }
        }
        violations.add(new Violation("role", "must be one of ADMIN, EDITOR, VIEWER"));
        return null;
    }

    private static Instant expiry(String expiresAt, Instant now, List<Violation> violations) {
        if (expiresAt == null || expiresAt.isBlank()) {
            return null;
        }
        try {
            Instant expiry = Instant.parse(expiresAt.strip()).truncatedTo(ChronoUnit.MICROS);
            if (!expiry.isAfter(now)) {
                violations.add(new Violation("expiresAt", "must be in the future"));
            }
            return expiry;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("expiresAt", "must be an ISO-8601 instant such as 2030-01-31T00:00:00Z"));
            return null;
        }
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
