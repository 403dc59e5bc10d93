package dev.gatehouse.admin.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteFormTests {

    @Test
    void requestCarriesEveryFieldOfAKeyRoute() {
        RouteForm form = new RouteForm();
        form.setName("r");
        form.setService("orders");
        form.setHosts("api.example.com");
        form.setPaths("/o\n/p");
        form.setPathMatch("exact");
        form.setMethods(List.of("GET"));
        form.setStripPrefix(true);
        form.setPriority(3);
        form.setEnabled(false);
        form.setAllowedGroups("partners, internal");
        form.setTags("public\nv2");
        form.getKeyAuth().setHeader("X-Key");
        form.getKeyAuth().setBearer(true);
        form.getKeyAuth().setQueryParam("api_key");
        form.getJwt().setIssuer("ignored, not the chosen mode");

        assertThat(form.toRequest()).isEqualTo(new RouteRequest("r", "orders", List.of("api.example.com"),
                List.of("/o", "/p"), "exact", List.of("GET"), true, 3, false, "key", List.of("partners", "internal"),
                List.of("public", "v2"), new KeyAuthRequest("X-Key", true, "api_key"), null));
    }

    @Test
    void newRoutesRequireAKeyFromTheDefaultHeader() {
        RouteRequest request = new RouteForm().toRequest();
        assertThat(request.auth()).isEqualTo("key");
        assertThat(request.keyAuth()).isEqualTo(new KeyAuthRequest("X-API-Key", false, null));
        assertThat(request.jwt()).isNull();
    }

    @Test
    void jwtRoutesSendOnlyTheTokenSettings() {
        RouteForm form = jwtForm();
        form.getJwt().setSecret("a-secret-of-at-least-thirty-two-bytes!");

        RouteRequest request = form.toRequest();
        assertThat(request.keyAuth()).isNull();
        assertThat(request.jwt()).isEqualTo(new JwtRequest(List.of("HS256"), "https://issuer.example/",
                List.of("api", "web"), "a-secret-of-at-least-thirty-two-bytes!", null, null, "client_id", 10));
    }

    @Test
    void theSecretIsWriteOnlyAndABlankFieldKeepsTheStoredOne() {
        RouteView stored = route("jwt", null, new JwtRequest(List.of("HS256"), null, List.of(),
                JwtRequest.MASKED_SECRET, null, null, "sub", 30));
        RouteForm form = RouteForm.from(stored);
        assertThat(form.getJwt().getSecret()).as("never shown").isNull();

        assertThat(form.toRequest(stored).jwt().secret()).isEqualTo(JwtRequest.MASKED_SECRET);

        form.getJwt().setClearSecret(true);
        assertThat(form.toRequest(stored).jwt().secret()).as("removed on request").isNull();

        form.getJwt().setSecret("a-new-secret-of-at-least-thirty-two-bytes");
        assertThat(form.toRequest(stored).jwt().secret()).isEqualTo("a-new-secret-of-at-least-thirty-two-bytes");
        assertThat(form.getJwt().isSecretTyped()).isTrue();
    }

    @Test
    void aBlankSecretOnARouteWithoutOneStaysAbsent() {
        RouteForm form = jwtForm();
        assertThat(form.toRequest().jwt().secret()).isNull();
        assertThat(form.toRequest(route("key", new KeyAuthRequest("X-API-Key", false, null), null)).jwt().secret())
                .isNull();
    }

    @Test
    void listViolationsShowOnTheirTextBoxQuotingTheEntry() {
        RouteForm form = new RouteForm();
        form.setPaths("/ok\nno-slash");
        form.setHosts("a..b");
        form.setAllowedGroups("ok\nbad group");
        form.getJwt().setAudiences("aud-1");
        form.getJwt().setAlgorithms(List.of("HS256", "RS256"));

        assertThat(form.toFormField(new Violation("paths[1]", "must start with /")))
                .isEqualTo(new Violation("paths", "\u201cno-slash\u201d must start with /"));
        assertThat(form.toFormField(new Violation("hosts[0]", "must be a host name")).field()).isEqualTo("hosts");
        assertThat(form.toFormField(new Violation("paths", "must list at least one path")).field())
                .isEqualTo("paths");
        assertThat(form.toFormField(new Violation("allowedGroups[1]", "is not a name")))
                .isEqualTo(new Violation("allowedGroups", "\u201cbad group\u201d is not a name"));
        assertThat(form.toFormField(new Violation("jwt.algorithms[1]", "cannot be combined with HS256")))
                .isEqualTo(new Violation("jwt.algorithms", "\u201cRS256\u201d cannot be combined with HS256"));
        assertThat(form.toFormField(new Violation("jwt.audiences[3]", "is blank")))
                .isEqualTo(new Violation("jwt.audiences", "\u201c#4\u201d is blank"));
        assertThat(form.toFormField(new Violation("tags", "too many")).field()).isEqualTo("tags");
    }

    @Test
    void nestedViolationsShowBesideTheirFields() {
        RouteForm form = new RouteForm();
        for (String field : List.of("service", "auth", "keyAuth.header", "keyAuth.queryParam", "jwt", "jwt.secret",
                "jwt.jwks", "jwt.jwksUrl", "jwt.issuer", "jwt.consumerClaim", "jwt.clockSkewSeconds")) {
            assertThat(form.toFormField(new Violation(field, "bad")).field()).as(field).isEqualTo(field);
        }
        assertThat(form.toFormField(new Violation("id", "bad")).field()).isNull();
        assertThat(form.toFormField(new Violation("jwt.unknown", "bad")).field()).isNull();
    }

    @Test
    void editingStartsFromTheRouteAsItIs() {
        RouteView view = new RouteView("id", "r", "orders", List.of("a.example.com", "b.example.com"),
                List.of("/x"), "prefix", List.of("GET", "POST"), true, 4, true, Instant.EPOCH, Instant.EPOCH,
                "key", List.of("partners"), List.of("public"), new KeyAuthRequest("X-Key", true, "k"), null, 0);
        RouteForm form = RouteForm.from(view);
        assertThat(form.getHosts()).isEqualTo("a.example.com\nb.example.com");
        assertThat(form.getAllowedGroups()).isEqualTo("partners");
        assertThat(form.toRequest(view)).isEqualTo(new RouteRequest("r", "orders", view.hosts(), view.paths(),
                "prefix", view.methods(), true, 4, true, "key", List.of("partners"), List.of("public"),
                new KeyAuthRequest("X-Key", true, "k"), null));
    }

    private static RouteForm jwtForm() {
        RouteForm form = new RouteForm();
        form.setAuth("jwt");
        form.getJwt().setAlgorithms(List.of("HS256"));
        form.getJwt().setIssuer("https://issuer.example/");
        form.getJwt().setAudiences("api\nweb");
        form.getJwt().setConsumerClaim("client_id");
        form.getJwt().setClockSkewSeconds(10);
        form.getKeyAuth().setHeader("X-Ignored");
        return form;
    }

    private static RouteView route(String auth, KeyAuthRequest keyAuth, JwtRequest jwt) {
        return new RouteView("id", "r", "orders", List.of(), List.of("/x"), "prefix", List.of(), false, 0, true,
                Instant.EPOCH, Instant.EPOCH, auth, List.of(), List.of(), keyAuth, jwt, 0);
    }
}
