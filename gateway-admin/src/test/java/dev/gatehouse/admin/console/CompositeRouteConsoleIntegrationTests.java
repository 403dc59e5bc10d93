package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.route.CompositeRequest;
import dev.gatehouse.admin.route.RouteForm;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.route.StepRequest;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.composite.StepField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The composite route editor (without JavaScript: plain form posts) and the step diagram. */
@AdminIntegrationTest
class CompositeRouteConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;

    ConsoleClient console;
    ServiceView catalogue;
    ServiceView prices;

    @BeforeEach
    void setUp() throws Exception {
        console = ConsoleClient.signIn(context);
        catalogue = services.create(new ServiceRequest(unique("catalogue"),
                List.of(new TargetRequest("10.9.0.1", 8080, null)), "http", "", null, null));
        prices = services.create(new ServiceRequest(unique("prices"),
                List.of(new TargetRequest("10.9.0.2", 8080, null)), "http", "", null, null));
    }

    // Composite routes live only as long as the test that made them: other test classes in this JVM start real
    // runtime nodes on the same database, and those must be able to compile every route they are sent.
    @AfterEach
    void deleteCompositeRoutes() {
        routes.list().stream().filter(route -> route.composite() != null).forEach(route -> routes.delete(route.id()));
    }

    /** The route fields and step 0 (the product); {@code more} adds fields. */
    private String[] form(String name, String... more) {
        List<String> fields = new ArrayList<>(List.of("name", name, "kind", "composite", "service", "",
                "paths", "/" + name, "pathMatch", "prefix", "priority", "0", "auth", "none",
                "composite.deadlineMs", "2000",
                "composite.steps[0].name", "product", "composite.steps[0].service", catalogue.name(),
                "composite.steps[0].method", "GET", "composite.steps[0].path", "/products/{path.1}",
                "composite.steps[0].placement", "merge", "composite.steps[0].required", "true",
                "_composite.steps[0].required", "on", "_composite.steps[0].passBody", "on",
                "composite.steps[0].fields", "/id\n/title as name\n/sellerId"));
        fields.addAll(List.of(more));
        return fields.toArray(String[]::new);
    }

    private static String[] priceStep(String path) {
        return new String[] {"composite.steps[1].name", "price", "composite.steps[1].service", "PRICES",
                "composite.steps[1].method", "GET", "composite.steps[1].path", path,
                "composite.steps[1].query", "seller={step.product/sellerId}\ncurrency={query.currency}",
                "composite.steps[1].headers", "X-Request-Id: {header.X-Request-Id}",
                "composite.steps[1].dependsOn", "product", "composite.steps[1].timeoutMs", "500",
                "composite.steps[1].placement", "nest", "_composite.steps[1].required", "on",
                "composite.steps[1].fields", "/amount/value as amount"};
    }

    private String[] withPrices(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if ("PRICES".equals(fields[i])) {
                fields[i] = prices.name();
            }
        }
        return fields;
    }

    @Test
    void createsACompositeRouteThroughTheFormWithAddStep() throws Exception {
        String name = unique("product-page");
        String before = AdminApi.fingerprint();

        // "Add step" shows the form again with a second, empty step, keeping what was typed; nothing is saved.
        MvcResult added = console.post("/routes/new", concat(form(name), "addStep", "1"))
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().hasNoErrors())
                .andExpect(content().string(containsString("id=\"step-1\"")))
                .andExpect(content().string(containsString("name=\"composite.steps[1].path\"")))
                .andReturn();
        RouteForm shown = (RouteForm) added.getModelAndView().getModel().get("routeForm");
        assertThat(shown.getComposite().getSteps()).hasSize(2);
        assertThat(shown.getComposite().getSteps().get(0).getFields()).contains("/title as name");
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);

        console.post("/routes/new", withPrices(concat(form(name), priceStep("/prices/{path.1}"))))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/routes"));

        RouteView route = routes.get(name);
        assertThat(route.kind()).isEqualTo("composite");
        assertThat(route.service()).isNull();
        assertThat(route.composite().deadlineMs()).isEqualTo(2000);
        assertThat(route.composite().steps()).hasSize(2);
        StepRequest product = route.composite().steps().get(0);
        assertThat(product.placement()).isEqualTo("merge");
        assertThat(product.fields()).containsExactly(new StepField("/id", null), new StepField("/title", "name"),
                new StepField("/sellerId", null));
        StepRequest price = route.composite().steps().get(1);
        assertThat(price.service()).isEqualTo(prices.name());
        assertThat(price.query()).isEqualTo(Map.of("seller", "{step.product/sellerId}",
                "currency", "{query.currency}"));
        assertThat(price.headers()).isEqualTo(Map.of("X-Request-Id", "{header.X-Request-Id}"));
        assertThat(price.dependsOn()).containsExactly("product");
        assertThat(price.timeoutMs()).isEqualTo(500);
        assertThat(price.required()).isFalse();
    }

    @Test
    void aBadStepFieldIsShownBesideItAndNothingIsSaved() throws Exception {
        String name = unique("bad-page");
        String before = AdminApi.fingerprint();
        console.post("/routes/new", withPrices(concat(form(name), priceStep("/prices/{path.one}"))))
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attributeHasFieldErrors("routeForm", "composite.steps[1].path"))
                .andExpect(content().string(containsString("id=\"composite.steps1.path-error\"")))
                .andExpect(content().string(containsString("a path segment index must be 0 to 31")))
                .andExpect(content().string(containsString("aria-describedby=\"composite.steps1.path-error\"")));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);

        // A dependency on no step shows on the "Waits for" box, quoting the entry; a query line without = on its box.
        String[] fields = withPrices(concat(form(name), priceStep("/prices/{path.1}")));
        replace(fields, "composite.steps[1].dependsOn", "product\nnobody");
        replace(fields, "composite.steps[1].query", "seller={step.product/sellerId}\ncurrency");
        console.post("/routes/new", fields)
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("routeForm", "composite.steps[1].query"))
                .andExpect(content().string(containsString("\u201ccurrency\u201d must be written name=template")));
        replace(fields, "composite.steps[1].query", "seller={step.product/sellerId}");
        console.post("/routes/new", fields)
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("routeForm", "composite.steps[1].dependsOn"))
                .andExpect(content().string(containsString("\u201cnobody\u201d names no step of this route")));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);
        assertThatThrownBy(() -> routes.get(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void removeStepShowsTheFormWithoutIt() throws Exception {
        MvcResult removed = console.post("/routes/new",
                        withPrices(concat(concat(form(unique("remove")), priceStep("/p")), "removeStep", "0")))
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andReturn();
        RouteForm shown = (RouteForm) removed.getModelAndView().getModel().get("routeForm");
        assertThat(shown.getComposite().getSteps()).singleElement()
                .satisfies(step -> assertThat(step.getName()).isEqualTo("price"));
    }

    @Test
    void theRoutePageDrawsTheStepsAndTheListShowsTheirServices() throws Exception {
        RouteView route = routes.create(new RouteRequest(unique("drawn"), "composite", null, null,
                List.of("/drawn"), null, null, null, null, null, "none", null, null, null, null,
                new CompositeRequest(null, null, null, List.of(
                        step("product", catalogue.name(), List.of(), true),
                        step("price", prices.name(), List.of("product"), true),
                        step("reviews", catalogue.name(), List.of("product"), false)))));

        console.get("/routes/" + route.id())
                .andExpect(status().isOk())
                .andExpect(model().attribute("routeForm", org.hamcrest.Matchers.hasProperty("kind",
                        org.hamcrest.Matchers.is("composite"))))
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("data-step=\"product\" data-level=\"0\"")))
                .andExpect(content().string(containsString("data-step=\"price\" data-level=\"1\"")))
                .andExpect(content().string(containsString("data-from=\"product\" data-to=\"reviews\"")))
                .andExpect(content().string(containsString("step-optional")))
                .andExpect(content().string(containsString("id=\"steps-table\"")))
                .andExpect(content().string(containsString(prices.name())));

        console.perform(MockMvcRequestBuilders.get("/routes").param("service", prices.name()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("routes", hasItem(route)))
                .andExpect(content().string(containsString(prices.name())));
        console.get("/services/" + prices.id() + "/delete")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(route.name())));
        console.get("/routes")
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("step-diagram"))));
    }

    private static StepRequest step(String name, String service, List<String> dependsOn, boolean required) {
        return new StepRequest(name, service, null, "/" + name + "/{path.1}", null, null, null, dependsOn, null,
                required, null, null);
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void replace(String[] fields, String name, String value) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equals(name)) {
                fields[i + 1] = value;
                return;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
