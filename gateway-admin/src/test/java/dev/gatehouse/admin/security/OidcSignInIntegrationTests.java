package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUser;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.user.SignInEvent;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.user.SignInOutcome;
import dev.gatehouse.admin.user.UserOrigin;
import dev.gatehouse.admin.web.InvalidInputException;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console single sign-on against a real OpenID Connect provider started here (mock-oauth2-server: discovery, JWKS,
 * authorization and token endpoints, signed ID tokens carrying the claims each test enqueues). A plain HTTP client
 * that keeps cookies plays the browser through the whole authorization-code flow. Its own context (the shared one
 * plus the {@code gatehouse.admin.oidc.*} settings): the only test class that needs single sign-on on.
 */
@AdminIntegrationTest
class OidcSignInIntegrationTests {

    private static final String ISSUER_ID = "gatehouse-test";
    private static final String CLIENT_ID = "gatehouse-console";
    private static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) throws IOException {
        PROVIDER.start();
        Path secret = Files.createTempFile("oidc-secret", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "test-client-secret\n");
        secret.toFile().deleteOnExit();
        registry.add("gatehouse.admin.oidc.issuer", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("gatehouse.admin.oidc.client-id", () -> CLIENT_ID);
        registry.add("gatehouse.admin.oidc.client-secret-file", secret::toString);
        registry.add("gatehouse.admin.oidc.admin-values", () -> "gatehouse-admins");
        registry.add("gatehouse.admin.oidc.editor-values", () -> "gatehouse-editors,platform-team");
        registry.add("gatehouse.admin.oidc.viewer-values", () -> "everyone");
        registry.add("gatehouse.admin.oidc.display-name", () -> "Test IdP");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;
    @Autowired
    AdminUserService users;
    @Autowired
    SignInEvents events;
    @Autowired
    JdbcClient jdbc;

    Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Browser();
    }

    @Test
    void theSignInPageOffersTheProviderBesideThePassword() throws Exception {
        HttpResponse<String> page = browser.get(console("/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with Test IdP").contains("href=\"/oauth2/authorization/oidc\"")
                .contains("name=\"password\"");
        // the strict CSP is unchanged: the button is a link (a navigation), not a form posted to the provider
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    }

    @Test
    void aViewerSignsInWithTheProviderAndGetsAViewerSession() throws Exception {
        String name = "sso-viewer-" + suffix();
        HttpResponse<String> start = browser.get(console("/services"));
        assertThat(start.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        String landed = signInAtProvider(name, subject(), List.of("everyone", "unrelated"));

        assertThat(landed).as("back where the browser was headed").endsWith("/services?continue");
        assertThat(browser.get(console("/services")).statusCode()).isEqualTo(200);
        assertThat(browser.get(console("/users")).statusCode()).isEqualTo(403);
        assertThat(browser.get(console("/audit")).statusCode()).isEqualTo(403);

        AdminUser user = users.find(name).orElseThrow();
        assertThat(user.origin()).isEqualTo(UserOrigin.OIDC);
        assertThat(user.role()).isEqualTo(Role.VIEWER);
        assertThat(user.hasPassword()).isFalse();
        assertThat(events.list(name, null, null, 10).items()).singleElement()
                .extracting(SignInEvent::outcome).isEqualTo(SignInOutcome.SUCCESS);
        assertThat(auditReason(name, "sign-in")).isEqualTo("oidc");
    }

    @Test
    void theHighestMappedRoleWinsAndTheProviderDecidesAtEachSignIn() throws Exception {
        String name = "sso-editor-" + suffix();
        String subject = subject();
        signInAtProvider(name, subject, List.of("everyone", "platform-team"));
        assertThat(browser.get(console("/audit")).statusCode()).isEqualTo(200);
        assertThat(browser.get(console("/users")).statusCode()).isEqualTo(403);

        Browser later = new Browser();
        browser = later;
        // a single string claim, and a new name at the provider: the same console user (found by subject)
        signInAtProvider("renamed-" + name, subject, "gatehouse-admins");
        HttpResponse<String> usersPage = browser.get(console("/users"));
        assertThat(usersPage.statusCode()).isEqualTo(200);
        assertThat(usersPage.body()).contains("data-name=\"" + name + "\"").contains("Person (single sign-on)");
        assertThat(users.find(name).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(users.find("renamed-" + name)).isEmpty();
    }

    @Test
    void aUserWithNoMappedValueIsRefusedAndTheRefusalRecorded() throws Exception {
        String name = "sso-nobody-" + suffix();
        String landed = signInAtProvider(name, subject(), List.of("marketing"));

        assertThat(landed).endsWith("/login?sso=no_role");
        assertThat(browser.get(console(landed)).body()).contains("none of your groups gives you a role");
        assertThat(browser.get(console("/services")).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(users.find(name)).as("no console user for a refused sign-in").isEmpty();
        assertThat(events.list(name, null, null, 10).items()).singleElement()
                .extracting(SignInEvent::outcome).isEqualTo(SignInOutcome.FAILURE);
        assertThat(auditReason(name, "sign-in-failed")).isEqualTo("oidc no_role");
    }

    @Test
    void aDisabledSingleSignOnUserIsRefusedAndLosesTheOpenSession() throws Exception {
        String name = "sso-disabled-" + suffix();
        String subject = subject();
        signInAtProvider(name, subject, List.of("gatehouse-editors"));
        assertThat(browser.get(console("/services")).statusCode()).isEqualTo(200);

        users.change(AdminIntegrationTest.ADMIN_USER, name, null, false);
        // the open session ends at its next request
        assertThat(browser.get(console("/services")).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?ended"));

        browser = new Browser();
        String landed = signInAtProvider(name, subject, List.of("gatehouse-editors"));
        assertThat(landed).endsWith("/login?sso=disabled");
        assertThat(browser.get(console("/services")).statusCode()).isEqualTo(302);
        assertThat(auditReason(name, "sign-in-failed")).isEqualTo("oidc disabled");
    }

    @Test
    void aRoleChangedInTheConsoleReachesTheSingleSignOnSessionAtOnce() throws Exception {
        String name = "sso-demoted-" + suffix();
        signInAtProvider(name, subject(), List.of("gatehouse-admins"));
        assertThat(browser.get(console("/users")).statusCode()).isEqualTo(200);

        users.change(AdminIntegrationTest.ADMIN_USER, name, "VIEWER", null);

        assertThat(browser.get(console("/users")).statusCode()).isEqualTo(403);
        assertThat(browser.get(console("/services")).statusCode()).isEqualTo(200);
    }

    @Test
    void aLocalUsersNameIsNeverTakenOverBySingleSignOn() throws Exception {
        String name = "local-" + suffix();
        users.createIfAbsent(name, "local-password-123", Role.VIEWER);

        String landed = signInAtProvider(name, subject(), List.of("gatehouse-admins"));

        assertThat(landed).endsWith("/login?sso=name_taken");
        assertThat(users.find(name).orElseThrow().origin()).isEqualTo(UserOrigin.LOCAL);
        assertThat(users.find(name).orElseThrow().role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void aSingleSignOnUserCannotSignInWithAPassword() throws Exception {
        String name = "sso-nopass-" + suffix();
        signInAtProvider(name, subject(), List.of("everyone"));

        Browser other = new Browser();
        HttpResponse<String> login = other.get(console("/login"));
        String csrf = csrfToken(login.body());
        HttpResponse<String> posted = other.postForm(console("/login"),
                Map.of("username", name, "password", "!", "_csrf", csrf));
        assertThat(posted.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        // and no password can be given to it
        assertThatThrownBy(() -> users.resetPassword(name, "a-new-password-123"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("single sign-on");
    }

    @Test
    void aCallbackWithATamperedStateIsRefused() throws Exception {
        String name = "sso-tampered-" + suffix();
        java.time.OffsetDateTime before = java.time.OffsetDateTime.now().minusSeconds(1);
        browser.get(console("/services"));
        URI authorize = URI.create(location(browser.get(console("/oauth2/authorization/oidc"))));
        // no claims enqueued: the console never gets to redeem this code (a callback left queued would be used
        // by the next test's token request)
        String callback = location(browser.get(authorize));
        String tampered = callback.replaceFirst("state=[^&]+", "state=forged-" + suffix());
        assertThat(tampered).isNotEqualTo(callback);

        String landed = location(browser.get(URI.create(tampered)));

        assertThat(landed).endsWith("/login?sso=failed");
        assertThat(browser.get(console("/services")).statusCode()).isEqualTo(302);
        assertThat(users.find(name)).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE action = 'sign-in-failed' AND at >= ?
                          AND object_name = '(single sign-on)'
                          AND after ->> 'reason' = 'authorization_request_not_found'""")
                .param(before).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theAuthorizationRequestUsesTheCodeFlowWithPkceStateAndNonce() throws Exception {
        browser.get(console("/services"));
        String authorize = location(browser.get(console("/oauth2/authorization/oidc")));

        assertThat(authorize).startsWith(PROVIDER.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("response_type=code").contains("client_id=" + CLIENT_ID)
                .contains("scope=openid%20profile%20email").contains("state=").contains("nonce=")
                .contains("code_challenge=").contains("code_challenge_method=S256");
    }

    /**
     * Starts the flow, lets the provider sign in a user with these claims and follows the callback; the address
     * the console sends the browser to last.
     */
    private String signInAtProvider(String name, String subject, Object groups) throws Exception {
        String authorize = location(browser.get(console("/oauth2/authorization/oidc")));
        PROVIDER.enqueueCallback(claims(name, subject, groups));
        String callback = location(browser.get(URI.create(authorize)));
        assertThat(callback).startsWith("http://127.0.0.1:" + port + "/login/oauth2/code/oidc?");
        return location(browser.get(URI.create(callback)));
    }

    private DefaultOAuth2TokenCallback claims(String name, String subject, Object groups) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", name, "email", name + "@example.test", "groups", groups), 3600);
    }

    private String auditReason(String name, String action) {
        return jdbc.sql("""
                        SELECT concat_ws(' ', after ->> 'method', after ->> 'reason') FROM audit_log
                        WHERE action = ? AND object_name = ? ORDER BY at DESC LIMIT 1""")
                .param(action).param(name).query(String.class).single();
    }

    private URI console(String path) {
        return URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + port + path);
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect, body: %s", response.body()).isBetween(300, 399);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String csrfToken(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("CSRF field in %s", html).isTrue();
        return matcher.group(1);
    }

    private static String subject() {
        return "subject-" + UUID.randomUUID();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A browser without JavaScript: keeps cookies, follows no redirect by itself. */
    private static final class Browser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(URI uri, Map<String, String> form) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            form.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
