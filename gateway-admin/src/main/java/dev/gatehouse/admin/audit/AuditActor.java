package dev.gatehouse.admin.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who made a change: a console user ({@code user}), an admin API token ({@code token}, by its name, never the
 * token) or the admin itself ({@code system}: bootstrap, demo seed, anything outside a signed-in request).
 *
 * @param type {@code user}, {@code token} or {@code system}
 * @param name the user name, the token's name, or {@code gatehouse}
 */
public record AuditActor(String type, String name) {

    public static final AuditActor SYSTEM = new AuditActor("system", "gatehouse");

    /** The actor an authentication stands for: a user when its principal is a user, otherwise a token. */
    public static AuditActor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return SYSTEM;
        }
        if (authentication.getDetails() instanceof ActingToken token) {
            return new AuditActor("token", token.name());
        }
        if (authentication.getPrincipal() instanceof UserDetails user) {
            return new AuditActor("user", user.getUsername());
        }
        return new AuditActor("token", authentication.getName());
    }
}
