package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin API tokens. A token is looked up by its SHA-256 digest (an indexed equality match), so the plain token
 * is never stored and lookup time does not depend on how much of a guess is right.
 */
@Service
public class ApiTokenService {

    /** Prefix of generated API tokens, so a leaked one is recognisable. */
    public static final String PREFIX = "gha_";

    private final ApiTokenRepository repository;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * A known token as the admin names it: its name (shown as the actor in the audit trail; never the token)
     * and role.
     */
    public record KnownToken(String name, Role role) {
    }

    /** The token's name and role, if it is a known token; records its use at most once a minute. */
    @Transactional
    public Optional<KnownToken> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        return repository.findByTokenHash(TokenDigest.sha256Hex(token)).map(stored -> {
            stored.used(clock.instant().truncatedTo(ChronoUnit.MICROS));
            return new KnownToken(stored.name(), stored.role());
        });
    }

    /** Whether any token exists. */
    @Transactional(readOnly = true)
    public boolean any() {
        return repository.count() > 0;
    }

    /** Stores a token unless its digest is already stored; true when this call stored it. */
    @Transactional
    public boolean storeIfAbsent(String name, String token, Role role) {
        return repository.insertIfAbsent(UUID.randomUUID(), name, TokenDigest.sha256Hex(token), role.name()) == 1;
    }
}
