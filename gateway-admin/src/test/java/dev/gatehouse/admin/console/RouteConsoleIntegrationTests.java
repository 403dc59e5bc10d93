package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.route.JwtRequest;
import dev.gatehouse.admin.route.KeyAuthRequest;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Route pages through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class RouteConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    UpstreamService services;

    @Autowired
    RouteService routes;

    ConsoleClient console;
    ServiceView service;

    @BeforeEach
    void setUp() throws Exception {
        console = ConsoleClient.signIn(context);
        service = services.create(new ServiceRequest(unique("backend"),
                List.of(new TargetRequest("10.8.0.1", 8080, null)), "http", "", null, null));
    }

    @Test
    void createsARouteFromTheForm() throws Exception {
        String name = unique("orders-api");
        MvcResult created = console.post("/routes/new",
                        "name", name, "service", service.name(),
                        "hosts", "api.example.com, *.example.org", "paths", "/orders\n/v2/orders\n",
                        "pathMatch", "prefix", "methods", "GET", "methods", "POST", "_methods", "on",
                        "stripPrefix", "true", "_stripPrefix", "on", "priority", "10",
                        "enabled", "true", "_enabled", "on")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/routes"))
                .andReturn();

        assertThat(created.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.route.created", new Object[] {name}));
        RouteView route = routes.get(name);
        assertThat(route.service()).isEqualTo(service.name());
        assertThat(route.hosts()).containsExactly("api.example.com", "*.example.org");
        assertThat(route.paths()).containsExactly("/orders", "/v2/orders");
        assertThat(route.methods()).containsExactly("GET", "POST");
        assertThat(route.stripPrefix()).isTrue();
        assertThat(route.priority()).isEqualTo(10);
        assertThat(route.enabled()).isTrue();

        console.get("/routes")
                .andExpect(status().isOk())
                .andExpect(view().name("routes/list"))
                .andExpect(model().attribute("routes", hasItem(route)))
                .andExpect(content().string(containsString(name)));
    }

    @Test
    void listCanBeFilteredByService() throws Exception {
        RouteView mine = routes.create(ServiceConsoleIntegrationTests.route(unique("mine"), service.name(), "/mine"));
        ServiceView other = services.create(new ServiceRequest(unique("other"),
                List.of(new TargetRequest("10.8.0.2", 8080, null)), "http", "", null, null));
        RouteView theirs = routes.create(ServiceConsoleIntegrationTests.route(unique("theirs"), other.name(), "/x"));

        console.perform(MockMvcRequestBuilders.get("/routes")
                        .param("service", service.name()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("selectedService", service.name()))
                .andExpect(model().attribute("routes", hasItem(mine)))
                .andExpect(model().attribute("routes", not(hasItem(theirs))));
    }

    @Test
    void newFormPreselectsTheServiceItCameFrom() throws Exception {
        console.perform(MockMvcRequestBuilders.get("/routes/new")
                        .param("service", service.name()))
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attribute("routeForm", hasProperty("service", is(service.name()))))
                .andExpect(model().attribute("routeForm", hasProperty("enabled", is(true))));
    }

    @Test
    void invalidEntriesAreShownBesideTheirFieldsAndNothingIsSaved() throws Exception {
        String name = unique("bad-route");
        console.post("/routes/new", "name", name, "service", service.name(),
                        "hosts", "", "paths", "/ok\nno-slash", "pathMatch", "prefix", "priority", "1")
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attributeHasFieldErrors("routeForm", "paths"))
                .andExpect(content().string(containsString("\u201cno-slash\u201d must start with /")))
                .andExpect(content().string(containsString("no-slash</textarea>")));
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void missingServiceAndPathsAreReported() throws Exception {
        console.post("/routes/new", "name", unique("lonely"), "service", "", "paths", "")
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attributeHasFieldErrors("routeForm", "service", "paths"));
    }

    @Test
    void aPriorityThatIsNotANumberIsRefused() throws Exception {
        console.post("/routes/new", "name", unique("prio"), "service", service.name(), "paths", "/p",
                        "priority", "high")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("routeForm", "priority", "typeMismatch"));
    }

    @Test
    void editsARoute() throws Exception {
        RouteView route = routes.create(ServiceConsoleIntegrationTests.route(unique("editable"), service.name(), "/e"));
        console.get("/routes/{id}/edit", route.id())
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attribute("routeId", route.id()))
                .andExpect(model().attribute("routeForm", hasProperty("paths", is("/e"))));

        // Unchecked boxes send only Spring's "_field" marker: enabled becomes false, methods empty.
        console.post("/routes/" + route.id() + "/edit", "id", "00000000-0000-0000-0000-000000000001",
                        "name", route.name(), "service", service.name(), "hosts", "", "paths", "/e\n/e2",
                        "pathMatch", "exact", "_methods", "on", "_stripPrefix", "on", "priority", "5",
                        "_enabled", "on")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/routes"));

        RouteView updated = routes.get(route.id());
        assertThat(updated.paths()).containsExactly("/e", "/e2");
        assertThat(updated.pathMatch()).isEqualTo("exact");
        assertThat(updated.enabled()).isFalse();
        assertThat(updated.priority()).isEqualTo(5);
        assertThat(updated.createdAt()).isEqualTo(route.createdAt());
    }

    @Test
    void deletesARouteAfterConfirmation() throws Exception {
        RouteView route = routes.create(ServiceConsoleIntegrationTests.route(unique("gone"), service.name(), "/g"));
        console.get("/routes/{id}/delete", route.id())
                .andExpect(status().isOk())
                .andExpect(view().name("routes/delete"))
                .andExpect(model().attribute("route", route));
        console.post("/routes/" + route.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/routes"));
        assertThatThrownBy(() -> routes.get(route.id())).isInstanceOf(NotFoundException.class);

        console.post("/routes/" + route.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/routes"));
    }
    @Test
    void newRoutesRequireAKeyAndTheListShowsHowEachRouteIsProtected() throws Exception {
        console.get("/routes/new")
                .andExpect(model().attribute("routeForm", hasProperty("auth", is("key"))))
                .andExpect(content().string(containsString("data-show-when=\"auth=jwt\"")));
        String name = unique("keyed");
        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/keyed",
                        "auth", "key", "allowedGroups", "partners\nbeta", "tags", "public",
                        "keyAuth.header", "X-Partner-Key", "keyAuth.bearer", "true", "_keyAuth.bearer", "on",
                        "keyAuth.queryParam", "", "jwt.issuer", "not kept: another mode")
                .andExpect(status().isFound());
        RouteView route = routes.get(name);
        assertThat(route.auth()).isEqualTo("key");
        assertThat(route.allowedGroups()).containsExactly("partners", "beta");
        assertThat(route.tags()).containsExactly("public");
        assertThat(route.keyAuth()).isEqualTo(new KeyAuthRequest("X-Partner-Key", true, null));
        assertThat(route.jwt()).isNull();

        RouteView open = routes.create(new RouteRequest(unique("open"), service.name(), List.of(), List.of("/open"),
                "prefix", List.of(), false, 0, true, "none", null, null, null, null));
        console.get("/routes")
                .andExpect(content().string(containsString("auth-key")))
                .andExpect(content().string(containsString("auth-none")))
                .andExpect(content().string(containsString(open.name())));
    }

    @Test
    void jwtSecretIsWriteOnlyAndKeptWhenLeftBlank() throws Exception {
        String name = unique("tokens");
        String secret = "s3cret-of-at-least-thirty-two-bytes-long";
        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/tokens", "auth", "jwt",
                        "jwt.algorithms", "HS256", "_jwt.algorithms", "on", "jwt.secret", secret,
                        "jwt.audiences", "api\nweb", "jwt.consumerClaim", "", "jwt.clockSkewSeconds", "")
                .andExpect(status().isFound());
        RouteView route = routes.get(name);
        assertThat(route.auth()).isEqualTo("jwt");
        assertThat(route.jwt().secret()).isEqualTo(JwtRequest.MASKED_SECRET);
        assertThat(route.jwt().audiences()).containsExactly("api", "web");
        assertThat(storedSecret(route)).isEqualTo(secret);

        console.get("/routes/{id}/edit", route.id())
                .andExpect(status().isOk())
                .andExpect(model().attribute("secretStored", true))
                .andExpect(content().string(not(containsString(secret))))
                .andExpect(content().string(not(containsString(JwtRequest.MASKED_SECRET))))
                .andExpect(content().string(containsString("A secret is stored")));

        console.post("/routes/" + route.id() + "/edit", "name", name, "service", service.name(), "paths", "/tokens",
                        "auth", "jwt", "jwt.algorithms", "HS256", "_jwt.algorithms", "on", "jwt.secret", "",
                        "jwt.issuer", "https://issuer.example/")
                .andExpect(status().isFound());
        assertThat(routes.get(route.id()).jwt().issuer()).isEqualTo("https://issuer.example/");
        assertThat(storedSecret(route)).as("kept").isEqualTo(secret);
    }

    @Test
    void jwtMistakesAreShownBesideTheirFieldsAndNothingIsSaved() throws Exception {
        String name = unique("bad-jwt");
        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/bad-jwt", "auth", "jwt",
                        "jwt.algorithms", "HS256", "jwt.algorithms", "RS256", "jwt.secret", "too-short",
                        "jwt.jwksUrl", "ftp://keys", "jwt.clockSkewSeconds", "900",
                        "keyAuth.header", "not a header")
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attributeHasFieldErrors("routeForm", "jwt.algorithms", "jwt.secret",
                        "jwt.jwksUrl", "jwt.clockSkewSeconds"))
                .andExpect(content().string(containsString("id=\"jwt.secret-error\"")))
                .andExpect(content().string(containsString("must not mix HS256")))
                .andExpect(content().string(not(containsString("too-short"))))
                .andExpect(content().string(containsString("type it again")));
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);

        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/bad-key",
                        "auth", "key", "keyAuth.header", "not a header", "allowedGroups", "ok\n\u00e9 bad")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("routeForm", "keyAuth.header"))
                .andExpect(content().string(containsString("id=\"keyAuth.header-error\"")));
        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/bad-jwt", "auth", "jwt",
                        "jwt.clockSkewSeconds", "soon")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("routeForm", "jwt.clockSkewSeconds", "typeMismatch"));
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void routeWritesNeedTheCsrfTokenAndAWriter() throws Exception {
        String name = unique("forged-route");
        console.postWithoutCsrf("/routes/new", "name", name, "service", service.name(), "paths", "/f")
                .andExpect(status().isForbidden());
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/routes").andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"new-route\""))));
        viewer.post("/routes/new", "name", name, "service", service.name(), "paths", "/f")
                .andExpect(status().isForbidden());
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);
    }

    private String storedSecret(RouteView route) {
        return routes.specs().stream().filter(spec -> spec.id().equals(route.id())).findFirst().orElseThrow()
                .jwt().secret();
    }
}
