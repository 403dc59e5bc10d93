package dev.gatehouse.admin.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console single sign-on with OpenID Connect, bound from {@code gatehouse.admin.oidc.*} ({@code GATEHOUSE_OIDC_*}).
 * Off while {@code issuer} is empty. Checked at start by {@link SingleSignOn#of}: a bad setting stops the admin
 * with a message naming the variable.
 *
 * @param issuer           the provider's issuer URI; its discovery document is read at the first sign-on
 * @param clientId         the console's client id at the provider
 * @param clientSecretFile a file holding the client secret (mode 0600 expected); the first choice
 * @param clientSecret     the client secret itself, for containers that pass secrets as variables; second choice
 * @param rolesClaim       the claim holding the user's groups or roles: a string or a list of strings; a dotted
 *                         name ({@code realm_access.roles}) reads into nested objects
 * @param adminValues      claim values that make a user ADMIN
 * @param editorValues     claim values that make a user EDITOR
 * @param viewerValues     claim values that make a user VIEWER
 * @param displayName      the provider's name on the sign-in button ("Sign in with ...")
 * @param redirectUri      the callback address registered at the provider, when the one derived from the request
 *                         ({@code <scheme>://<host>/login/oauth2/code/oidc}) is not what the browser sees
 */
@ConfigurationProperties("gatehouse.admin.oidc")
record OidcProperties(String issuer, String clientId, String clientSecretFile, String clientSecret,
                      @DefaultValue("groups") String rolesClaim, List<String> adminValues,
                      List<String> editorValues, List<String> viewerValues,
                      @DefaultValue("single sign-on") String displayName, String redirectUri) {

    @Override
    public String toString() {
        // never the secret (a record's own toString would print it)
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId + ", clientSecretFile=" + clientSecretFile
                + ", clientSecret=" + (clientSecret == null ? "none" : "[redacted]") + "]";
    }
}
