package dev.gatehouse.admin.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The console's one OpenID Connect client, {@value #ID}, built from the provider's discovery document at the first
 * sign-on rather than at start: an unreachable provider then breaks only the "Sign in with ..." button (the
 * error is logged, the next attempt tries again), never the admin's start or the password sign-in. Only the
 * authorization-code flow, scopes {@code openid profile email}, and PKCE also for a confidential client.
 */
final class DiscoveredClientRegistration implements ClientRegistrationRepository {

    /** The registration id, part of the start and callback paths. */
    static final String ID = "oidc";

    private static final Logger log = LoggerFactory.getLogger(DiscoveredClientRegistration.class);

    private final SingleSignOn settings;
    private volatile ClientRegistration registration;

    DiscoveredClientRegistration(SingleSignOn settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                known = registration;
                if (known == null) {
                    known = discover();
                    registration = known;
                }
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        ClientRegistration.Builder builder;
        try {
            builder = ClientRegistrations.fromOidcIssuerLocation(settings.issuer());
        } catch (RuntimeException e) {
            log.error("Single sign-on: cannot read the discovery document of {}: {}", settings.issuer(),
                    e.getMessage());
            throw e;
        }
        builder.registrationId(ID)
                .clientId(settings.clientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope("openid", "profile", "email")
                .redirectUri(settings.redirectUri() != null ? settings.redirectUri()
                        : "{baseUrl}/login/oauth2/code/{registrationId}")
                .clientName(settings.displayName())
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
        if (settings.clientSecret() == null) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(settings.clientSecret());
        }
        return builder.build();
    }
}
