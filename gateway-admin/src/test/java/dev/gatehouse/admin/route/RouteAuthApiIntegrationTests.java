package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.RouteSpec;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Who may call a route, through the API: auth mode, groups, tags, key location and token settings. */
@AdminIntegrationTest
class RouteAuthApiIntegrationTests {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";

    @Autowired
    MockMvc mvc;
    @Autowired
    RouteService routes;
    AdminApi api;
    String service;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        service = unique("auth-svc");
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service))
                .andExpect(status().isCreated());
    }

    @Test
    void newRoutesRequireAKeyFromXApiKey() throws Exception {
        String name = unique("secure");
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/secure"]}""".formatted(name, service))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.auth").value("key"))
                .andExpect(jsonPath("$.allowedGroups").isEmpty())
                .andExpect(jsonPath("$.tags").isEmpty())
                .andExpect(jsonPath("$.keyAuth.header").value("X-API-Key"))
                .andExpect(jsonPath("$.keyAuth.bearer").value(false))
                .andExpect(jsonPath("$.keyAuth.queryParam").doesNotExist())
                .andExpect(jsonPath("$.jwt").doesNotExist());
        assertThat(spec(name).auth()).isEqualTo(AuthMode.KEY);
    }

    @Test
    void keySettingsGroupsAndTagsRoundTripAndSurviveAnUpdateThatOmitsThem() throws Exception {
        String name = unique("partners");
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/p"], "auth": "key",
                         "allowedGroups": ["partners"], "tags": ["public", "v2"],
                         "keyAuth": {"header": "X-Partner-Key", "bearer": true, "queryParam": "apikey"}}"""
                        .formatted(name, service))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.allowedGroups", contains("partners")))
                .andExpect(jsonPath("$.tags", contains("public", "v2")))
                .andExpect(jsonPath("$.keyAuth.header").value("X-Partner-Key"))
                .andExpect(jsonPath("$.keyAuth.bearer").value(true))
                .andExpect(jsonPath("$.keyAuth.queryParam").value("apikey"));

        // A client that predates these fields changes the path without opening the route.
        api.put("/api/v1/routes/" + name, """
                        {"service": "%s", "paths": ["/p2"]}""".formatted(service))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths", contains("/p2")))
                .andExpect(jsonPath("$.auth").value("key"))
                .andExpect(jsonPath("$.allowedGroups", contains("partners")))
                .andExpect(jsonPath("$.tags", contains("public", "v2")))
                .andExpect(jsonPath("$.keyAuth.header").value("X-Partner-Key"));

        api.put("/api/v1/routes/" + name, """
                        {"service": "%s", "paths": ["/p2"], "auth": "none", "allowedGroups": [], "tags": []}"""
                        .formatted(service))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.auth").value("none"))
                .andExpect(jsonPath("$.allowedGroups").isEmpty())
                .andExpect(jsonPath("$.tags").isEmpty());
        assertThat(spec(name).auth()).isEqualTo(AuthMode.NONE);
    }

    @Test
    void theJwtSecretIsNeverShownAndTheMaskKeepsIt() throws Exception {
        String name = unique("hs");
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/hs"], "auth": "jwt",
                         "jwt": {"algorithms": ["HS256"], "issuer": "https://issuer.example.com",
                                 "audiences": ["orders"], "secret": "%s"}}""".formatted(name, service, SECRET))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.auth").value("jwt"))
                .andExpect(jsonPath("$.jwt.secret").value("********"))
                .andExpect(jsonPath("$.jwt.algorithms", contains("HS256")))
                .andExpect(jsonPath("$.jwt.consumerClaim").value("sub"))
                .andExpect(jsonPath("$.jwt.clockSkewSeconds").value(30));
        String shown = api.get("/api/v1/routes/" + name).andReturn().getResponse().getContentAsString();
        assertThat(shown).doesNotContain(SECRET);
        api.get("/api/v1/routes").andExpect(jsonPath("$[*].jwt.secret", hasItem("********")));
        assertThat(api.get("/api/v1/routes").andReturn().getResponse().getContentAsString()).doesNotContain(SECRET);
        assertThat(spec(name).jwt().secret()).isEqualTo(SECRET);

        // Sending back what the API showed keeps the secret.
        api.put("/api/v1/routes/" + name, """
                        {"service": "%s", "paths": ["/hs"], "auth": "jwt",
                         "jwt": {"algorithms": ["HS256"], "secret": "********", "clockSkewSeconds": 10}}"""
                        .formatted(service))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jwt.secret").value("********"))
                .andExpect(jsonPath("$.jwt.issuer").doesNotExist())
                .andExpect(jsonPath("$.jwt.clockSkewSeconds").value(10));
        assertThat(spec(name).jwt().secret()).isEqualTo(SECRET);

        // Switching to keys drops the token settings.
        api.put("/api/v1/routes/" + name, """
                        {"service": "%s", "paths": ["/hs"], "auth": "key"}""".formatted(service))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jwt").doesNotExist());
        assertThat(spec(name).jwt()).isNull();
    }

    @Test
    void acceptsAStaticJwkSetForEs256() throws Exception {
        String jwks = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK()).toString();
        String name = unique("es");
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/es"], "auth": "jwt",
                         "jwt": {"algorithms": ["ES256"], "jwks": %s, "consumerClaim": "client_id"}}"""
                        .formatted(name, service, quoted(jwks)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.jwt.secret").doesNotExist())
                .andExpect(jsonPath("$.jwt.consumerClaim").value("client_id"));
        assertThat(spec(name).jwt().jwks()).isEqualTo(jwks);
    }

    private RouteSpec spec(String name) {
        return routes.specs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
