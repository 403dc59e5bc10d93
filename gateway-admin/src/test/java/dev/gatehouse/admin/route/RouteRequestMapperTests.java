package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteRequestMapperTests {

    private static final String ID = "3f0c7a9e-2b1d-4c5e-8f6a-0123456789ab";
    private static final String SERVICE_ID = "0f0c7a9e-2b1d-4c5e-8f6a-0123456789ab";
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";

    static String rsaJwks;
    static String ecJwks;
    static String weakRsaJwks;
    static String privateJwks;

    private final RouteRequestMapper mapper = new RouteRequestMapper(new ConfigValidator());

    @BeforeAll
    static void keys() throws JOSEException {
        var rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        rsaJwks = new JWKSet(rsa.toPublicJWK()).toString();
        privateJwks = new JWKSet(rsa).toString(false);
        ecJwks = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate().toPublicJWK()).toString();
        weakRsaJwks = new JWKSet(new RSAKeyGenerator(1024, true).keyID("weak").generate().toPublicJWK()).toString();
    }

    @Test
    void fillsDefaultsRequiringAKeyAndUsesTheServiceId() {
        RouteSpec spec = mapper.toSpec(ID, request("orders", "/orders", null, null), SERVICE_ID);

        assertThat(spec).isEqualTo(new RouteSpec(ID, "orders", SERVICE_ID, List.of(), List.of("/orders"),
                PathMatch.PREFIX, List.of(), false, 0, true, AuthMode.KEY, List.of(), List.of(),
                KeyAuthSpec.DEFAULT, null, null));
    }

    @Test
    void normalisesCase() {
        RouteSpec spec = mapper.toSpec(ID, new RouteRequest("orders", "orders-svc", List.of("API.Example.COM"),
                List.of("/Orders"), "EXACT", List.of("get", "Post"), true, 5, false, "NONE", null, null, null, null),
                SERVICE_ID);

        assertThat(spec.hosts()).containsExactly("api.example.com");
        assertThat(spec.methods()).containsExactly("GET", "POST");
        assertThat(spec.paths()).containsExactly("/Orders");
        assertThat(spec.pathMatch()).isEqualTo(PathMatch.EXACT);
        assertThat(spec.stripPrefix()).isTrue();
        assertThat(spec.priority()).isEqualTo(5);
        assertThat(spec.enabled()).isFalse();
        assertThat(spec.auth()).isEqualTo(AuthMode.NONE);
    }

    @Test
    void carriesKeyAuthGroupsAndTags() {
        RouteSpec spec = mapper.toSpec(ID, auth("key", List.of("partners"), List.of("public", "v2"),
                new KeyAuthRequest("X-Key", true, "apikey"), null), SERVICE_ID);

        assertThat(spec.auth()).isEqualTo(AuthMode.KEY);
        assertThat(spec.allowedGroups()).containsExactly("partners");
        assertThat(spec.tags()).containsExactly("public", "v2");
        assertThat(spec.keyAuth()).isEqualTo(new KeyAuthSpec("X-Key", true, "apikey"));
        assertThat(spec.jwt()).isNull();
    }

    @Test
    void jwtRoutesCarryTheirSettingsWithDefaults() {
        RouteSpec hs = mapper.toSpec(ID, auth("jwt", null, null, null,
                new JwtRequest(List.of("hs256"), "https://issuer", List.of("api"), SECRET, null, null, null, null)),
                SERVICE_ID);
        assertThat(hs.jwt()).isEqualTo(new JwtSpec(List.of("HS256"), "https://issuer", List.of("api"), SECRET,
                null, null, "sub", RouteRequestMapper.DEFAULT_CLOCK_SKEW_SECONDS));

        RouteSpec rs = mapper.toSpec(ID, auth("jwt", null, null, null,
                new JwtRequest(List.of("RS256", "ES256"), null, null, null, rsaJwks.replace("]", "," + ecKey() + "]"),
                        null, "client_id", 5)), SERVICE_ID);
        assertThat(rs.jwt().algorithms()).containsExactly("RS256", "ES256");
        assertThat(rs.jwt().consumerClaim()).isEqualTo("client_id");
        assertThat(rs.jwt().clockSkewSeconds()).isEqualTo(5);

        RouteSpec url = mapper.toSpec(ID, auth("jwt", null, null, null,
                new JwtRequest(List.of("ES256"), null, null, null, null, "https://idp.example.com/jwks", null, null)),
                SERVICE_ID);
        assertThat(url.jwt().jwksUrl()).isEqualTo("https://idp.example.com/jwks");
    }

    @Test
    void tokenSettingsAreDroppedUnlessTheRouteUsesJwt() {
        RouteSpec spec = mapper.toSpec(ID, auth("key", null, null, null,
                new JwtRequest(List.of("HS256"), null, null, SECRET, null, null, null, null)), SERVICE_ID);
        assertThat(spec.jwt()).isNull();
    }

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of(request(null, "/a", null, null), SERVICE_ID, "name"),
                Arguments.of(request("r", "/a", null, null), null, "service"),
                Arguments.of(new RouteRequest("r", null, null, List.of("/a"), null, null, null, null, null, null,
                        null, null, null, null), SERVICE_ID, "service"),
                Arguments.of(request("r", "a", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(request("r", "/a/../b", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(request("r", "/a;b", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(request("r", "/a%2Fb", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(request("r", "/a//b", null, null), SERVICE_ID, "paths[0]"),
                Arguments.of(new RouteRequest("r", "s", null, List.of(), null, null, null, null, null, null, null,
                        null, null, null), SERVICE_ID, "paths"),
                Arguments.of(new RouteRequest("r", "s", null, Arrays.asList("/a", null), null, null, null, null,
                        null, null, null, null, null, null), SERVICE_ID, "paths[1]"),
                Arguments.of(request("r", "/a", "regex", null), SERVICE_ID, "pathMatch"),
                Arguments.of(request("r", "/a", null, List.of("GET", "FETCH")), SERVICE_ID, "methods[1]"),
                Arguments.of(new RouteRequest("r", "s", List.of("bad host"), List.of("/a"), null, null, null, null,
                        null, null, null, null, null, null), SERVICE_ID, "hosts[0]"),
                Arguments.of(new RouteRequest("r", "s", null, List.of("/a"), null, null, null, 1_000_000, null,
                        null, null, null, null, null), SERVICE_ID, "priority"),
                Arguments.of(auth("basic", null, null, null, null), SERVICE_ID, "auth"),
                Arguments.of(auth("key", List.of("bad group"), null, null, null), SERVICE_ID, "allowedGroups[0]"),
                Arguments.of(auth("key", null, Arrays.asList("ok", null), null, null), SERVICE_ID, "tags[1]"),
                Arguments.of(auth("key", null, null, new KeyAuthRequest("bad header", null, null), null), SERVICE_ID,
                        "keyAuth.header"),
                Arguments.of(auth("key", null, null, new KeyAuthRequest(null, null, "a b"), null), SERVICE_ID,
                        "keyAuth.queryParam"),
                Arguments.of(auth("jwt", null, null, null, null), SERVICE_ID, "jwt"),
                Arguments.of(jwt(List.of(), SECRET, null, null), SERVICE_ID, "jwt.algorithms"),
                Arguments.of(jwt(List.of("HS512"), SECRET, null, null), SERVICE_ID, "jwt.algorithms[0]"),
                Arguments.of(jwt(List.of("none"), SECRET, null, null), SERVICE_ID, "jwt.algorithms[0]"),
                Arguments.of(jwt(List.of("HS256", "RS256"), SECRET, "{rsa}", null), SERVICE_ID, "jwt.algorithms"),
                Arguments.of(jwt(List.of("HS256"), null, null, null), SERVICE_ID, "jwt.secret"),
                Arguments.of(jwt(List.of("HS256"), "too-short", null, null), SERVICE_ID, "jwt.secret"),
                Arguments.of(jwt(List.of("RS256"), null, null, null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, "{\"keys\": [", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, "{\"kty\": \"RSA\"}", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, "{ec}", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("ES256"), null, "{rsa}", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, "{weak}", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, "{private}", null), SERVICE_ID, "jwt.jwks"),
                Arguments.of(jwt(List.of("RS256"), null, null, "ftp://idp/jwks"), SERVICE_ID, "jwt.jwksUrl"),
                Arguments.of(auth("jwt", null, null, null, new JwtRequest(List.of("HS256"), null, null, SECRET, null,
                        null, null, 601)), SERVICE_ID, "jwt.clockSkewSeconds"),
                Arguments.of(auth("jwt", null, null, null, new JwtRequest(List.of("HS256"), null,
                        Arrays.asList("api", null), SECRET, null, null, null, null)), SERVICE_ID, "jwt.audiences[1]")
        );
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void reportsTheFieldAsTheRequestNamesIt(RouteRequest request, String serviceId, String field) {
        assertThatThrownBy(() -> mapper.toSpec(ID, withKeys(request), serviceId))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).extracting(Violation::field).contains(field));
    }

    @Test
    void unknownServiceIsOneViolationNamingIt() {
        assertThatThrownBy(() -> mapper.toSpec(ID, request("r", "/a", null, null), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("service");
                            assertThat(v.message()).contains("'s'");
                        }));
    }

    @Test
    void aMaskedSecretIsReplacedByTheStoredOneOnly() {
        JwtSpec stored = new JwtSpec(List.of("HS256"), null, List.of(), SECRET, null, null, "sub", 30);
        JwtRequest masked = JwtRequest.shown(stored);
        assertThat(masked.secret()).isEqualTo(JwtRequest.MASKED_SECRET);
        assertThat(masked.unmasked(stored).secret()).isEqualTo(SECRET);
        assertThat(masked.unmasked(null).secret()).isEqualTo(JwtRequest.MASKED_SECRET);
        JwtRequest changed = new JwtRequest(List.of("HS256"), null, null, "another-secret-of-32-bytes-or-more!!",
                null, null, null, null);
        assertThat(changed.unmasked(stored)).isSameAs(changed);
    }

    private static String ecKey() {
        String keys = ecJwks.substring(ecJwks.indexOf('[') + 1, ecJwks.lastIndexOf(']'));
        return keys;
    }

    /** Replaces the placeholders {rsa}, {ec}, {weak} and {private} in a JWKS field by generated key sets. */
    private static RouteRequest withKeys(RouteRequest request) {
        if (request.jwt() == null || request.jwt().jwks() == null) {
            return request;
        }
        String jwks = switch (request.jwt().jwks()) {
            case "{rsa}" -> rsaJwks;
            case "{ec}" -> ecJwks;
            case "{weak}" -> weakRsaJwks;
            case "{private}" -> privateJwks;
            default -> request.jwt().jwks();
        };
        JwtRequest j = request.jwt();
        return auth(request.auth(), null, null, null, new JwtRequest(j.algorithms(), j.issuer(), j.audiences(),
                j.secret(), jwks, j.jwksUrl(), j.consumerClaim(), j.clockSkewSeconds()));
    }

    private static RouteRequest request(String name, String path, String pathMatch, List<String> methods) {
        return new RouteRequest(name, "s", null, List.of(path), pathMatch, methods, null, null, null, null, null,
                null, null, null);
    }

    private static RouteRequest auth(String auth, List<String> groups, List<String> tags, KeyAuthRequest keyAuth,
                                     JwtRequest jwt) {
        return new RouteRequest("r", "s", null, List.of("/a"), null, null, null, null, null, auth, groups, tags,
                keyAuth, jwt);
    }

    private static RouteRequest jwt(List<String> algorithms, String secret, String jwks, String jwksUrl) {
        return auth("jwt", null, null, null, new JwtRequest(algorithms, null, null, secret, jwks, jwksUrl, null,
                null));
    }
}
