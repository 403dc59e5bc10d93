package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: everyone lists, creates and revokes their own API tokens; admins see and revoke all,
 * and create tokens for others (service accounts). The new token is in the creation answer only.
 */
@RestController
class TokenApiController {

    private final ApiTokenService tokens;

    TokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** {@code owner} is optional (admins only); {@code expiresAt} an optional ISO-8601 instant. */
    record CreateRequest(String name, String role, String owner, String expiresAt) {
    }

    @GetMapping("/api/v1/tokens")
    List<TokenView> list(Authentication caller) {
        return tokens.list(caller.getName(), role(caller));
    }

    @PostMapping(path = "/api/v1/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedToken> create(@RequestBody CreateRequest request, Authentication caller) {
        CreatedToken created = tokens.create(caller.getName(), role(caller), request.name(), request.role(),
                request.owner(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.id())).body(created);
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, Authentication caller) {
        tokens.revoke(caller.getName(), role(caller), id);
        return ResponseEntity.noContent().build();
    }

    /** The highest role among the caller's authorities (a token has exactly one). */
    static Role role(Authentication caller) {
        for (Role role : Role.values()) {
            for (GrantedAuthority authority : caller.getAuthorities()) {
                if (role.authority().equals(authority.getAuthority())) {
                    return role;
                }
            }
        }
        throw new IllegalStateException("an authorised caller has a role");
    }
}
