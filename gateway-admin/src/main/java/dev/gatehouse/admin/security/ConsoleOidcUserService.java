package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.AdminUser;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.user.SingleSignOnRefusal;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a provider's user (the ID token already checked by Spring Security: signature, issuer, audience, expiry,
 * nonce) into a console user: the roles claim maps to a role ({@link SingleSignOn#roleFor}), and
 * {@link AdminUserService#singleSignOn} finds or creates the console row and refuses disabled users and users
 * without a role. A refusal is an {@link OAuth2AuthenticationException} whose cause is the
 * {@link SingleSignOnRefusal}, for {@link SingleSignOnFailures} to record and explain.
 */
final class ConsoleOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** OAuth2 error code of a refusal by the console (not by the provider). */
    static final String REFUSED = "console_refused";

    private final OidcUserService provider = new OidcUserService();
    private final SingleSignOn settings;
    private final AdminUserService users;

    ConsoleOidcUserService(SingleSignOn settings, AdminUserService users) {
        this.settings = settings;
        this.users = users;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser provided = provider.loadUser(request);
        String externalId = provided.getIdToken().getIssuer() + " " + provided.getSubject();
        String name = provided.getPreferredUsername() != null && !provided.getPreferredUsername().isBlank()
                ? provided.getPreferredUsername() : provided.getEmail();
        Role role = settings.roleFor(provided.getClaims());
        AdminUser user;
        try {
            user = users.singleSignOn(externalId, name, role);
        } catch (SingleSignOnRefusal refusal) {
            throw new OAuth2AuthenticationException(new OAuth2Error(REFUSED, refusal.getMessage(), null),
                    refusal.getMessage(), refusal);
        }
        return new ConsoleOidcUser(user.username(), List.of(new SimpleGrantedAuthority(user.role().authority())),
                provided);
    }
}
