package dev.gatehouse.admin.security;

/**
 * What the sign-in page offers, read by {@code login.html} as the bean {@code signInOptions}.
 *
 * @param singleSignOn whether to show "Sign in with ..." (OpenID Connect is configured)
 * @param providerName the provider's name on that button
 * @param password     whether to show the user name and password form ({@code GATEHOUSE_LOCAL_SIGN_IN})
 */
public record SignInOptions(boolean singleSignOn, String providerName, boolean password) {

    /** Where the single sign-on button leads: Spring Security's start of the authorization-code flow. */
    public static final String SINGLE_SIGN_ON_START = "/oauth2/authorization/" + DiscoveredClientRegistration.ID;

    /** {@link #SINGLE_SIGN_ON_START}, for the template. */
    public String singleSignOnStart() {
        return SINGLE_SIGN_ON_START;
    }
}
