package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked single sign-on settings ({@link OidcProperties}) and the one rule that turns a user's claims into a
 * console role: every value of the roles claim is looked up in the three lists and the highest role found wins;
 * no match, no role (the sign-in is refused).
 *
 * @param enabled      whether single sign-on is configured
 * @param issuer       the issuer URI
 * @param clientId     the client id
 * @param clientSecret the secret, or null for a public client (PKCE is used either way)
 * @param rolesClaim   the claim name (dotted for nested objects)
 * @param values       claim values per role
 * @param displayName  the button's provider name
 * @param redirectUri  the callback address, or null to derive it from the request
 */
record SingleSignOn(boolean enabled, String issuer, String clientId, String clientSecret, String rolesClaim,
                    Map<Role, Set<String>> values, String displayName, String redirectUri) {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    /** Single sign-on off. */
    static final SingleSignOn OFF = new SingleSignOn(false, null, null, null, null, Map.of(), null, null);

    SingleSignOn {
        values = Map.copyOf(values);
    }

    /** The settings, checked: throws {@link IllegalArgumentException} naming the variable at fault. */
    static SingleSignOn of(OidcProperties properties) {
        if (blank(properties.issuer())) {
            require(blank(properties.clientId()) && blank(properties.clientSecretFile())
                            && blank(properties.clientSecret()),
                    "GATEHOUSE_OIDC_CLIENT_ID or a client secret is set but GATEHOUSE_OIDC_ISSUER is not; set the "
                            + "issuer to turn single sign-on on, or unset them");
            return OFF;
        }
        String issuer = properties.issuer().trim();
        require(absoluteHttp(issuer), "GATEHOUSE_OIDC_ISSUER must be an absolute http(s) URI, not '" + issuer + "'");
        require(!blank(properties.clientId()), "GATEHOUSE_OIDC_CLIENT_ID is required with GATEHOUSE_OIDC_ISSUER");
        require(blank(properties.clientSecretFile()) || blank(properties.clientSecret()),
                "set GATEHOUSE_OIDC_CLIENT_SECRET_FILE or GATEHOUSE_OIDC_CLIENT_SECRET, not both");
        String secret = blank(properties.clientSecretFile()) ? blankToNull(properties.clientSecret())
                : readSecret(Path.of(properties.clientSecretFile().trim()));
        require(!blank(properties.rolesClaim()), "GATEHOUSE_OIDC_ROLES_CLAIM must not be empty");
        Map<Role, Set<String>> values = new EnumMap<>(Role.class);
        values.put(Role.ADMIN, clean(properties.adminValues()));
        values.put(Role.EDITOR, clean(properties.editorValues()));
        values.put(Role.VIEWER, clean(properties.viewerValues()));
        require(values.values().stream().anyMatch(set -> !set.isEmpty()),
                "with GATEHOUSE_OIDC_ISSUER set, map at least one claim value to a role: "
                        + "GATEHOUSE_OIDC_ADMIN_VALUES, GATEHOUSE_OIDC_EDITOR_VALUES or GATEHOUSE_OIDC_VIEWER_VALUES");
        String redirect = blankToNull(properties.redirectUri());
        require(redirect == null || absoluteHttp(redirect),
                "GATEHOUSE_OIDC_REDIRECT_URI must be an absolute http(s) URI, not '" + redirect + "'");
        String name = blank(properties.displayName()) ? "single sign-on" : properties.displayName().trim();
        require(name.length() <= 60, "GATEHOUSE_OIDC_DISPLAY_NAME must be at most 60 characters");
        return new SingleSignOn(true, issuer, properties.clientId().trim(), secret, properties.rolesClaim().trim(),
                values, name, redirect);
    }

    /** The highest role any value of the roles claim maps to, or null when none does. */
    Role roleFor(Map<String, Object> claims) {
        Collection<String> held = claimValues(claims);
        for (Role role : Role.values()) {
            if (held.stream().anyMatch(values.getOrDefault(role, Set.of())::contains)) {
                return role;
            }
        }
        return null;
    }

    /** The roles claim's values: a string is one value, a list its string elements; anything else none. */
    private Collection<String> claimValues(Map<String, Object> claims) {
        Object value = claims.containsKey(rolesClaim) ? claims.get(rolesClaim) : nested(claims, rolesClaim);
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Object nested(Map<String, Object> claims, String dotted) {
        Object current = claims;
        for (String part : dotted.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String readSecret(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("GATEHOUSE_OIDC_CLIENT_SECRET_FILE: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        require(!text.isEmpty(), "GATEHOUSE_OIDC_CLIENT_SECRET_FILE: " + file + " is empty");
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("GATEHOUSE_OIDC_CLIENT_SECRET_FILE {} can be read by others than its owner; "
                        + "chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        return text;
    }

    private static Set<String> clean(List<String> values) {
        Set<String> cleaned = new LinkedHashSet<>();
        if (values != null) {
            values.stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(cleaned::add);
        }
        return Set.copyOf(cleaned);
    }

    private static boolean absoluteHttp(String text) {
        try {
            URI uri = URI.create(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return blank(text) ? null : text.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        // never the secret
        return "SingleSignOn[enabled=" + enabled + ", issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
