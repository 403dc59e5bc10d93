package dev.gatehouse.admin.user;

import dev.gatehouse.admin.audit.AuditAction;
import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users and service accounts: lookup for sign-in, creation at bootstrap, and their management through
 * the API and console. Every refusal is a field violation or a 409 and changes nothing; passwords are hashed
 * with BCrypt here and never returned. Every change made through the API or the console writes one audit record
 * in its own transaction (kind {@code user}; before and after as {@link UserView}, so never a password or hash; a
 * delete also lists the API tokens deleted with the user).
 * Bootstrap creations ({@link #createIfAbsent}, {@link #createServiceAccountIfAbsent}) are not audited.
 */
@Service
public class AdminUserService {

    /**
     * The service account that owns the bootstrap tokens ({@code GATEHOUSE_ADMIN_TOKEN} and the generated one);
     * created by migration V16 and again at start if it was deleted.
     */
    public static final String BOOTSTRAP_ACCOUNT = "gatehouse:bootstrap";

    /** Names people and scripts can type; the bootstrap service account's colon is outside on purpose. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final AdminUserRepository repository;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final AuditTrail audit;

    AdminUserService(AdminUserRepository repository, PasswordEncoder passwords, Clock clock, AuditTrail audit) {
        this.repository = repository;
        this.passwords = passwords;
        this.clock = clock;
        this.audit = audit;
    }

    /** The user with this name, if any. */
    @Transactional(readOnly = true)
    public Optional<AdminUser> find(String username) {
        return repository.findByUsername(username).map(StoredAdminUser::toAdminUser);
    }

    /** The user with this id, if any. */
    @Transactional(readOnly = true)
    public Optional<AdminUser> find(UUID id) {
        return repository.findById(id).map(StoredAdminUser::toAdminUser);
    }

    /** Whether any person (not a service account) exists. */
    @Transactional(readOnly = true)
    public boolean any() {
        return repository.countByServiceAccountFalse() > 0;
    }

    /** Creates a user unless one with this name exists; true when this call created it. */
    @Transactional
    public boolean createIfAbsent(String username, String rawPassword, Role role) {
        return repository.insertIfAbsent(UUID.randomUUID(), username, passwords.encode(rawPassword),
                role.name(), false) == 1;
    }

    /** Creates an ADMIN service account unless the name is taken; true when this call created it. */
    @Transactional
    public boolean createServiceAccountIfAbsent(String username) {
        return repository.insertIfAbsent(UUID.randomUUID(), username, "!", Role.ADMIN.name(), true) == 1;
    }

    /** All users and service accounts by name. */
    @Transactional(readOnly = true)
    public List<UserView> list() {
        return repository.findAllByOrderByUsername().stream().map(StoredAdminUser::toView).toList();
    }

    /** One user; 404 when unknown. */
    @Transactional(readOnly = true)
    public UserView get(String username) {
        return stored(username).toView();
    }

    /** Creates a person (with a password) or a service account (without); 400 with fields, 409 when taken. */
    @Transactional
    public UserView create(String username, String role, String password, boolean serviceAccount) {
        List<Violation> violations = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            violations.add(new Violation("username",
                    "must be 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
        }
        Role parsed = role(role, violations);
        if (serviceAccount) {
            if (password != null && !password.isEmpty()) {
                violations.add(new Violation("password", "a service account has no password"));
            }
        } else {
            PasswordPolicy.check("password", password, username).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        // a service account's hash is no BCrypt hash, so no password can ever match it
        String hash = serviceAccount ? "!" : passwords.encode(password);
        if (repository.insertIfAbsent(UUID.randomUUID(), username, hash, parsed.name(), serviceAccount) != 1) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME, "user '" + username + "' exists");
        }
        UserView created = get(username);
        audited(AuditAction.CREATE, null, created);
        return created;
    }

    /** Changes the role and/or enabled state; refused for oneself and for the last active admin. */
    @Transactional
    public UserView change(String caller, String username, String role, Boolean enabled) {
        List<Violation> violations = new ArrayList<>();
        Role parsed = role == null ? null : role(role, violations);
        if (role == null && enabled == null) {
            violations.add(new Violation("role", "give a role or enabled"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        repository.lockAdmins();
        StoredAdminUser user = stored(username);
        long admins = repository.countActiveAdmins();
        if (parsed != null && parsed != Role.ADMIN) {
            AdminGuard.check(caller, user.toAdminUser(), AdminGuard.Change.DEMOTE, admins);
        }
        if (Boolean.FALSE.equals(enabled)) {
            AdminGuard.check(caller, user.toAdminUser(), AdminGuard.Change.DISABLE, admins);
        }
        UserView before = user.toView();
        if (parsed != null) {
            user.role(parsed, clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        if (enabled != null) {
            user.enabled(enabled, clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        UserView after = user.toView();
        audited(changeAction(before, after), before, after);
        return after;
    }

    /**
     * {@code enable} or {@code disable} when only the enabled state changed, otherwise {@code update} (a role
     * change, both, or a change that changes nothing, which is still a change someone made).
     */
    static AuditAction changeAction(UserView before, UserView after) {
        if (before.role() == after.role() && before.enabled() != after.enabled()) {
            return after.enabled() ? AuditAction.ENABLE : AuditAction.DISABLE;
        }
        return AuditAction.UPDATE;
    }

    /**
     * The console user of a single sign-on: the row of this provider identity, its role set to {@code role} (the
     * provider's groups decide the role at each sign-in), or a new row named {@code name} (origin OIDC, no
     * password) at the first sign-on. Refused, changing nothing, when the row is disabled, when {@code role} is
     * null (no claim value maps to a role), or when a new user's name is not a valid user name or is already
     * another user's: a local account is never linked to a provider identity by its name.
     *
     * @param externalId {@code "<issuer> <subject>"}
     * @param name       the name the provider suggests (preferred_username, else email), used only on creation
     * @param role       the role the claims map to, or null
     */
    @Transactional
    public AdminUser singleSignOn(String externalId, String name, Role role) {
        Optional<StoredAdminUser> existing = repository.findByExternalId(externalId);
        String username = existing.map(user -> user.toAdminUser().username()).orElse(name == null ? "" : name);
        if (existing.isPresent() && !existing.get().toAdminUser().enabled()) {
            throw new SingleSignOnRefusal(SingleSignOnRefusal.Reason.DISABLED, username,
                    "user '" + username + "' is disabled");
        }
        if (role == null) {
            throw new SingleSignOnRefusal(SingleSignOnRefusal.Reason.NO_ROLE, username,
                    "no value of the role claim maps to a console role");
        }
        if (existing.isPresent()) {
            StoredAdminUser user = existing.get();
            if (user.toAdminUser().role() != role) {
                user.role(role, clock.instant().truncatedTo(ChronoUnit.MICROS));
            }
            return user.toAdminUser();
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new SingleSignOnRefusal(SingleSignOnRefusal.Reason.NO_NAME, username,
                    "the provider gave no usable user name (preferred_username or email)");
        }
        if (repository.insertSingleSignOnIfAbsent(UUID.randomUUID(), username, role.name(), externalId) != 1) {
            throw new SingleSignOnRefusal(SingleSignOnRefusal.Reason.NAME_TAKEN, username,
                    "the name '" + username + "' belongs to another user");
        }
        return repository.findByExternalId(externalId).map(StoredAdminUser::toAdminUser).orElseThrow();
    }

    /** Sets a new password (policy applies); service accounts and single sign-on users have none. */
    @Transactional
    public void resetPassword(String username, String password) {
        StoredAdminUser user = stored(username);
        AdminUser current = user.toAdminUser();
        if (current.serviceAccount()) {
            throw new InvalidInputException(List.of(new Violation("password", "a service account has no password")));
        }
        if (current.origin() == UserOrigin.OIDC) {
            throw new InvalidInputException(List.of(new Violation("password",
                    "this user signs in with single sign-on and has no password")));
        }
        Optional<Violation> violation = PasswordPolicy.check("password", password, username);
        if (violation.isPresent()) {
            throw new InvalidInputException(List.of(violation.get()));
        }
        UserView before = user.toView();
        user.passwordHash(passwords.encode(password), clock.instant().truncatedTo(ChronoUnit.MICROS));
        audited(AuditAction.PASSWORD_RESET, before, user.toView());
    }

    /**
     * Deletes the user and, through the foreign key, its API tokens; refused for oneself and the last admin. The
     * audit record's "before" lists those tokens as {@code alsoRevoked} (id, name, role), so their end is on record
     * without a record of their own.
     */
    @Transactional
    public void delete(String caller, String username) {
        repository.lockAdmins();
        StoredAdminUser user = stored(username);
        AdminGuard.check(caller, user.toAdminUser(), AdminGuard.Change.DELETE, repository.countActiveAdmins());
        UserView before = user.toView();
        List<RevokedToken> tokens = repository.findOwnedTokens(before.id()).stream()
                .map(t -> new RevokedToken(t.getId(), t.getName(), t.getRole())).toList();
        repository.delete(user);
        audit.accountChanged(AuditAction.DELETE, "user", before.id().toString(), before.username(),
                deletedView(before, tokens), null);
    }

    /** The user as its delete's audit record shows it: the view and the API tokens deleted with it. */
    private static Map<String, Object> deletedView(UserView user, List<RevokedToken> tokens) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("username", user.username());
        view.put("role", user.role());
        view.put("enabled", user.enabled());
        view.put("serviceAccount", user.serviceAccount());
        view.put("createdAt", user.createdAt());
        view.put("updatedAt", user.updatedAt());
        // not "tokens": a field named like a secret would be redacted as one
        view.put("alsoRevoked", tokens);
        return view;
    }

    /** An API token deleted with its owner, as the owner's delete record lists it. */
    record RevokedToken(String id, String name, String role) {
    }

    private void audited(AuditAction action, UserView before, UserView after) {
        UserView object = after != null ? after : before;
        audit.accountChanged(action, "user", object.id().toString(), object.username(), before, after);
    }

    private StoredAdminUser stored(String username) {
        return repository.findByUsername(username == null ? "" : username)
                .orElseThrow(() -> new NotFoundException("user '" + username + "' not found"));
    }

    private static Role role(String role, List<Violation> violations) {
        for (Role candidate : Role.values()) {
            if (candidate.name().equalsIgnoreCase(role == null ? "" : role.trim())) {
                return candidate;
            }
        }
        violations.add(new Violation("role", "must be one of ADMIN, EDITOR, VIEWER"));
        return null;
    }
}
