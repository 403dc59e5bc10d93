package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleSignOnTests {

    @TempDir
    Path dir;

    @Test
    void offWithoutAnIssuer() {
        assertThat(SingleSignOn.of(properties(null, null, null, null, List.of(), List.of())).enabled()).isFalse();
    }

    @Test
    void theHighestRoleAnyValueMapsToWins() {
        SingleSignOn sso = SingleSignOn.of(properties("https://id.example.test/realms/x", "console", null, "s3cret",
                List.of("admins"), List.of("viewers", " staff ")));
        assertThat(sso.roleFor(Map.of("groups", List.of("staff", "admins")))).isEqualTo(Role.ADMIN);
        assertThat(sso.roleFor(Map.of("groups", "staff"))).isEqualTo(Role.VIEWER);
        assertThat(sso.roleFor(Map.of("groups", List.of("Admins", "other")))).as("exact, case-sensitive").isNull();
        assertThat(sso.roleFor(Map.of("groups", 42))).isNull();
        assertThat(sso.roleFor(Map.of())).isNull();
        assertThat(sso.clientSecret()).isEqualTo("s3cret");
        assertThat(sso.toString()).doesNotContain("s3cret");
    }

    @Test
    void aDottedClaimReadsIntoNestedObjects() {
        OidcProperties nested = new OidcProperties("https://id.example.test", "console", null, null,
                "realm_access.roles", List.of("admin"), null, null, "Keycloak", null);
        SingleSignOn sso = SingleSignOn.of(nested);
        assertThat(sso.roleFor(Map.of("realm_access", Map.of("roles", List.of("admin"))))).isEqualTo(Role.ADMIN);
        assertThat(sso.clientSecret()).as("no secret: a public client").isNull();
    }

    @Test
    void theSecretIsReadFromItsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "  from-file\n");
        SingleSignOn sso = SingleSignOn.of(properties("https://id.example.test", "console", file.toString(), null,
                List.of("admins"), List.of()));
        assertThat(sso.clientSecret()).isEqualTo("from-file");
    }

    @Test
    void badSettingsStopTheStartWithTheVariableNamed() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertRefused(properties(null, "console", null, null, List.of(), List.of()), "GATEHOUSE_OIDC_ISSUER");
        assertRefused(properties("id.example.test", "console", null, null, List.of("a"), List.of()),
                "GATEHOUSE_OIDC_ISSUER must be an absolute");
        assertRefused(properties("https://id.example.test", " ", null, null, List.of("a"), List.of()),
                "GATEHOUSE_OIDC_CLIENT_ID");
        assertRefused(properties("https://id.example.test", "console", empty.toString(), "x", List.of("a"),
                List.of()), "not both");
        assertRefused(properties("https://id.example.test", "console", empty.toString(), null, List.of("a"),
                List.of()), "is empty");
        assertRefused(properties("https://id.example.test", "console", dir.resolve("missing").toString(), null,
                List.of("a"), List.of()), "cannot read");
        assertRefused(properties("https://id.example.test", "console", null, null, List.of(" "), List.of()),
                "map at least one claim value");
    }

    @Test
    void thePasswordFormCanBeTurnedOffOnlyWithSingleSignOn() {
        SignInConfiguration configuration = new SignInConfiguration();
        assertThatThrownBy(() -> configuration.signInOptions(SingleSignOn.OFF, false))
                .hasMessageContaining("GATEHOUSE_LOCAL_SIGN_IN=false needs single sign-on");
        SingleSignOn on = SingleSignOn.of(properties("https://id.example.test", "console", null, null,
                List.of("admins"), List.of()));
        assertThat(configuration.signInOptions(on, false))
                .isEqualTo(new SignInOptions(true, "IdP", false));
        assertThat(configuration.signInOptions(SingleSignOn.OFF, true))
                .isEqualTo(new SignInOptions(false, null, true));
    }

    private static void assertRefused(OidcProperties properties, String message) {
        assertThatThrownBy(() -> SingleSignOn.of(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void neitherTheSettingsNorTheirSourceEverPrintTheClientSecret() {
        OidcProperties properties = properties("https://id.example.test", "console", null, "s3cr3t-value-42",
                List.of("ops"), null);
        assertThat(properties.toString()).doesNotContain("s3cr3t-value-42").contains("[redacted]");
        assertThat(SingleSignOn.of(properties).toString()).doesNotContain("s3cr3t-value-42");
    }

    private static OidcProperties properties(String issuer, String clientId, String secretFile, String secret,
                                             List<String> admins, List<String> viewers) {
        return new OidcProperties(issuer, clientId, secretFile, secret, "groups", admins, null, viewers, "IdP",
                null);
    }
}
