package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.TargetSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Service pages through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class ServiceConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    UpstreamService services;

    @Autowired
    RouteService routes;

    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void listShowsEveryServiceWithItsRouteCount() throws Exception {
        ServiceView service = createService(unique("listed"));
        routes.create(route(unique("listed-route"), service.name(), "/listed"));

        console.get("/services")
                .andExpect(status().isOk())
                .andExpect(view().name("services/list"))
                .andExpect(model().attribute("routeCounts", hasEntry(service.id(), 1L)))
                .andExpect(content().string(containsString(service.name())))
                .andExpect(content().string(containsString("10.9.0.1:8080")));
    }

    @Test
    void createsAServiceFromTheFormSkippingBlankRows() throws Exception {
        String name = unique("orders");
        MvcResult created = console.post("/services/new",
                        "name", name, "protocol", "https", "basePath", "/api",
                        "connectTimeoutMs", "1500", "responseTimeoutMs", "",
                        "targets[0].host", "10.0.0.1", "targets[0].port", "8080", "targets[0].weight", "",
                        "targets[1].host", "", "targets[1].port", "", "targets[1].weight", "",
                        "targets[2].host", "10.0.0.2", "targets[2].port", "8081", "targets[2].weight", "50")
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("/services/*"))
                .andReturn();

        assertThat(created.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.service.created", new Object[] {name}));
        ServiceView service = services.get(name);
        assertThat(service.targets()).containsExactly(new TargetSpec("10.0.0.1", 8080, 100),
                new TargetSpec("10.0.0.2", 8081, 50));
        assertThat(service.protocol()).isEqualTo("https");
        assertThat(service.basePath()).isEqualTo("/api");
        assertThat(service.connectTimeoutMs()).isEqualTo(1500);
        assertThat(service.responseTimeoutMs()).isEqualTo(30_000);
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/services/" + service.id());

        console.perform(MockMvcRequestBuilders.get("/services/{id}", service.id()).flashAttrs(created.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(view().name("services/detail"))
                .andExpect(model().attribute("service", service))
                .andExpect(model().attribute("routes", hasSize(0)))
                .andExpect(content().string(containsString("Service " + name + " created.")));
    }

    @Test
    void newFormOffersBlankTargetRowsAndDefaults() throws Exception {
        console.get("/services/new")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attribute("serviceForm",
                        hasProperty("targets", hasSize(3))))
                .andExpect(content().string(containsString("name=\"targets[2].port\"")))
                .andExpect(content().string(containsString("value=\"30000\"")));
    }

    @Test
    void invalidValuesAreShownBesideTheirFieldsAndNothingIsSaved() throws Exception {
        String name = unique("invalid");
        int before = services.list().size();
        console.post("/services/new", "name", name, "protocol", "http", "basePath", "no-slash",
                        "targets[0].host", "10.0.0.1", "targets[0].port", "70000",
                        "targets[1].host", "bad host!", "targets[1].port", "80")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasFieldErrors("serviceForm",
                        "targets[0].port", "targets[1].host", "basePath"))
                .andExpect(content().string(containsString("must be between 1 and 65535")))
                .andExpect(content().string(containsString("value=\"70000\"")))
                .andExpect(content().string(containsString("must be a host name or IP address")));
        assertThat(services.list()).hasSize(before);
    }

    @Test
    void aForbiddenTargetIsShownBesideItsHostAndNothingIsSaved() throws Exception {
        String name = unique("metadata");
        console.post("/services/new", "name", name, "protocol", "http",
                        "targets[0].host", "10.0.0.1", "targets[0].port", "80",
                        "targets[1].host", "169.254.169.254", "targets[1].port", "80")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasFieldErrors("serviceForm", "targets[1].host"))
                .andExpect(model().attributeErrorCount("serviceForm", 1))
                .andExpect(content().string(containsString("is never proxied to: 169.254.169.254 is a link-local")))
                .andExpect(content().string(containsString("value=\"169.254.169.254\"")));
        assertThat(services.list()).extracting(ServiceView::name).doesNotContain(name);
    }

    @Test
    void missingNameAndTargetsAreReported() throws Exception {
        console.post("/services/new", "name", "", "protocol", "http", "targets[0].host", "", "targets[0].port", "")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasFieldErrors("serviceForm", "name", "targets"))
                .andExpect(content().string(containsString("must list at least one target")));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedBeforeTheServiceIsCalled() throws Exception {
        String name = unique("nan");
        console.post("/services/new", "name", name, "targets[0].host", "10.0.0.1", "targets[0].port", "eighty")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasFieldErrorCode("serviceForm", "targets[0].port", "typeMismatch"))
                .andExpect(content().string(containsString("must be a whole number")));
        assertThat(services.list()).extracting(ServiceView::name).doesNotContain(name);
    }

    @Test
    void aTakenNameIsAFormErrorAndChangesNothing() throws Exception {
        ServiceView existing = createService(unique("taken"));
        console.post("/services/new", "name", existing.name(), "targets[0].host", "10.7.7.7", "targets[0].port", "81")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasErrors("serviceForm"))
                .andExpect(content().string(containsString("already exists")));
        assertThat(services.get(existing.id()).targets()).extracting(TargetSpec::host).containsExactly("10.9.0.1");
    }

    @Test
    void editsAServiceAndKeepsServerOwnedFields() throws Exception {
        ServiceView service = createService(unique("edit"));
        console.get("/services/{id}/edit", service.id())
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attribute("serviceId", service.id()))
                .andExpect(content().string(containsString("value=\"10.9.0.1\"")));

        String renamed = unique("edited");
        console.post("/services/" + service.id() + "/edit", "id", "00000000-0000-0000-0000-000000000001",
                        "createdAt", "2001-01-01T00:00:00Z",
                        "name", renamed, "protocol", "http", "basePath", "",
                        "connectTimeoutMs", "2000", "responseTimeoutMs", "5000",
                        "targets[0].host", "10.9.0.1", "targets[0].port", "8080", "targets[0].weight", "100",
                        "targets[1].host", "10.9.0.2", "targets[1].port", "9090", "targets[1].weight", "")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/services/" + service.id()));

        ServiceView updated = services.get(service.id());
        assertThat(updated.name()).isEqualTo(renamed);
        assertThat(updated.targets()).hasSize(2);
        assertThat(updated.responseTimeoutMs()).isEqualTo(5000);
        assertThat(updated.createdAt()).isEqualTo(service.createdAt());
    }

    @Test
    void invalidEditShowsTheErrorAndKeepsTheService() throws Exception {
        ServiceView service = createService(unique("keep"));
        console.post("/services/" + service.id() + "/edit", "name", service.name(),
                        "targets[0].host", "10.9.0.1", "targets[0].port", "8080", "targets[0].weight", "5000")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(model().attributeHasFieldErrors("serviceForm", "targets[0].weight"))
                .andExpect(content().string(containsString("must be between 1 and 1000")));
        assertThat(services.get(service.id())).isEqualTo(service);
    }

    @Test
    void deleteAsksForConfirmationThenDeletes() throws Exception {
        ServiceView service = createService(unique("doomed"));
        console.get("/services/{id}/delete", service.id())
                .andExpect(status().isOk())
                .andExpect(view().name("services/delete"))
                .andExpect(model().attribute("service", service));

        MvcResult deleted = console.post("/services/" + service.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/services"))
                .andReturn();
        assertThat(deleted.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.service.deleted", new Object[] {service.name()}));
        assertThatThrownBy(() -> services.get(service.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAServiceInUseIsRefusedWithTheReason() throws Exception {
        ServiceView service = createService(unique("busy"));
        routes.create(route(unique("busy-route"), service.name(), "/busy"));

        console.get("/services/{id}/delete", service.id())
                .andExpect(model().attribute("routes", hasSize(1)))
                .andExpect(content().string(containsString("One route still sends traffic to this service")));
        MvcResult refused = console.post("/services/" + service.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/services/" + service.id()))
                .andReturn();
        FlashMessage flash = (FlashMessage) refused.getFlashMap().get(FlashMessage.ATTRIBUTE);
        assertThat(flash.kind()).isEqualTo("error");
        assertThat(flash.code()).isEqualTo("flash.deleteRefused");
        assertThat(services.get(service.id())).isEqualTo(service);

        console.perform(MockMvcRequestBuilders.get("/services/{id}", service.id()).flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Not deleted: ")))
                .andExpect(content().string(containsString("is used by route")));
    }

    @Test
    void anUnknownServiceIsANotFoundPage() throws Exception {
        console.get("/services/{id}", "00000000-0000-0000-0000-00000000abcd")
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"))
                .andExpect(content().string(containsString("Not found")));
    }

    private ServiceView createService(String name) {
        return services.create(new ServiceRequest(name, List.of(new TargetRequest("10.9.0.1", 8080, null)),
                "http", "", null, null));
    }

    static RouteRequest route(String name, String service, String path) {
        return new RouteRequest(name, service, List.of(), List.of(path), "prefix", List.of(), false, 0, true, null,
                null, null, null, null);
    }
}
