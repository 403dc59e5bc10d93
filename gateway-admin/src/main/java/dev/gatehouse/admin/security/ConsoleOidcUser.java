package dev.gatehouse.admin.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A console session's principal after a single sign-on: the provider's user (ID token, user info) under the name
 * of its console user, with the console role as its authority. {@link #getName()} is the console user name, so
 * the audit trail, the sign-in record and {@link SessionRoleRefresh} see the same user as for a password sign-in.
 */
final class ConsoleOidcUser implements OidcUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String username;
    private final List<GrantedAuthority> authorities;
    private final OidcUser provided;

    ConsoleOidcUser(String username, Collection<? extends GrantedAuthority> authorities, OidcUser provided) {
        this.username = username;
        this.authorities = List.copyOf(authorities);
        this.provided = provided;
    }

    /** The same user with other authorities (a role changed in the console). */
    ConsoleOidcUser withAuthorities(Collection<? extends GrantedAuthority> replaced) {
        return new ConsoleOidcUser(username, replaced, provided);
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public Map<String, Object> getClaims() {
        return provided.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return provided.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return provided.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return provided.getAttributes();
    }

    @Override
    public String toString() {
        return "ConsoleOidcUser[" + username + ", " + authorities + "]";
    }
}
