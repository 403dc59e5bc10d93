package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.apikey.ApiKeyService;
import dev.gatehouse.admin.consumer.ConsumerPatch;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.policy.PolicyView;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console forms opened before someone else saved the same object: the save is refused, the form shows the
 * current stored values with a message, and nothing is overwritten. Delete and revoke confirmations likewise.
 */
@AdminIntegrationTest
class StaleFormConsoleIntegrationTests {

    private static final String MESSAGE = "changed by someone else since you opened it";

    @Autowired
    WebApplicationContext context;
    @Autowired
    PlanService plans;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    ConsumerService consumers;
    @Autowired
    PolicyService policies;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JsonMapper mapper;

    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void aPlanFormOpenedBeforeSomeoneElseSavedShowsTheirValuesAndKeepsThem() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("occ-plan"), "original"));
        console.get("/plans/" + plan.id() + "/edit")
                .andExpect(model().attribute("planForm", hasProperty("version", is(0L))))
                .andExpect(content().string(containsString("name=\"version\" value=\"0\"")));
        plans.update(plan.id(), new PlanRequest(null, "theirs"));
        String fingerprint = AdminApi.fingerprint();

        MvcResult result = console.post("/plans/" + plan.id() + "/edit", "version", "0", "name", plan.name(),
                        "description", "mine")
                .andExpect(status().isOk())
                .andExpect(view().name("plans/form"))
                .andExpect(model().attribute("planForm", hasProperty("description", is("theirs"))))
                .andExpect(model().attribute("planForm", hasProperty("version", is(1L))))
                .andExpect(content().string(containsString(MESSAGE)))
                .andExpect(content().string(containsString("name=\"version\" value=\"1\"")))
                .andReturn();
        assertStale(result, "planForm");
        assertThat(plans.get(plan.id()).description()).isEqualTo("theirs");
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);

        // sent again from the refreshed form, the change goes through
        console.post("/plans/" + plan.id() + "/edit", "version", "1", "name", plan.name(), "description", "mine")
                .andExpect(status().isFound());
        assertThat(plans.get(plan.id()).description()).isEqualTo("mine");
        assertThat(plans.get(plan.id()).version()).isEqualTo(2);
    }

    @Test
    void aServiceFormOpenedBeforeSomeoneElseChangedItsTargetsShowsTheCurrentTargets() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("occ-svc"),
                List.of(new TargetRequest("10.9.0.1", 8080, null)), null, null, null, null));
        services.update(service.id(), new ServiceRequest(null, List.of(new TargetRequest("10.9.0.2", 9090, null)),
                null, null, null, null));

        MvcResult result = console.post("/services/" + service.id() + "/edit", "version", "0",
                        "name", service.name(), "protocol", "http", "targets[0].host", "10.9.0.3",
                        "targets[0].port", "7070")
                .andExpect(status().isOk())
                .andExpect(view().name("services/form"))
                .andExpect(content().string(containsString(MESSAGE)))
                .andExpect(content().string(containsString("10.9.0.2")))
                .andReturn();
        assertStale(result, "serviceForm");
        assertThat(services.get(service.id()).targets().get(0).host()).isEqualTo("10.9.0.2");
    }

    @Test
    void routeAndConsumerFormsAreRefreshedLikewise() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("occ-svc"),
                List.of(new TargetRequest("10.9.0.1", 8080, null)), null, null, null, null));
        RouteView route = routes.create(new RouteRequest(unique("occ-route"), service.name(), List.of(),
                List.of("/occ"), "prefix", List.of(), false, 0, true, null, null, null, null, null));
        routes.update(route.id(), new RouteRequest(null, service.name(), List.of(), List.of("/theirs"), "prefix",
                List.of(), false, 3, true, null, null, null, null, null));
        MvcResult routeResult = console.post("/routes/" + route.id() + "/edit", "version", "0",
                        "name", route.name(), "service", service.name(), "paths", "/mine", "pathMatch", "prefix",
                        "priority", "0", "_enabled", "on")
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attribute("routeForm", hasProperty("priority", is(3))))
                .andExpect(content().string(containsString(MESSAGE)))
                .andReturn();
        assertStale(routeResult, "routeForm");
        assertThat(routes.get(route.id()).paths()).containsExactly("/theirs");

        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("occ-consumer"), "original", null,
                null, null, null));
        consumers.patch(consumer.id(), new ConsumerPatch(null, "theirs", null, null, null, null));
        MvcResult consumerResult = console.post("/consumers/" + consumer.id() + "/edit", "version", "0",
                        "name", consumer.name(), "description", "mine", "status", "active")
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/form"))
                .andExpect(model().attribute("consumerForm", hasProperty("description", is("theirs"))))
                .andReturn();
        assertStale(consumerResult, "consumerForm");
        assertThat(consumers.get(consumer.id()).description()).isEqualTo("theirs");
    }

    @Test
    void aPolicyFormOpenedBeforeSomeoneElseSavedShowsTheCurrentPolicy() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("occ-svc"),
                List.of(new TargetRequest("10.9.0.1", 8080, null)), null, null, null, null));
        RouteView route = routes.create(new RouteRequest(unique("occ-route"), service.name(), List.of(),
                List.of("/occ"), "prefix", List.of(), false, 0, true, null, null, null, null, null));
        PolicyView policy = policies.create(new PolicyRequest(unique("occ-size"), true, "route", null, route.name(),
                null, null, mapper.readTree("""
                        {"type": "request-size", "maxBytes": 1000}""")));
        policies.update(policy.id(), new PolicyRequest(null, false, "route", null, route.name(), null, null,
                mapper.readTree("""
                        {"type": "request-size", "maxBytes": 2000}""")));

        console.post("/policies/" + policy.id() + "/edit", "version", "0", "name", policy.name(),
                        "enabled", "true", "scope", "route", "route", route.name(), "config.maxBytes", "3000")
                .andExpect(status().isOk())
                .andExpect(view().name("policies/form"))
                .andExpect(model().attribute("stale", true))
                .andExpect(model().attribute("version", 1L))
                .andExpect(content().string(containsString(MESSAGE)))
                .andExpect(content().string(containsString("value=\"2000\"")));
        PolicyView stored = policies.get(policy.id());
        assertThat(stored.enabled()).isFalse();
        assertThat(mapper.valueToTree(stored.config()).get("maxBytes").asInt()).isEqualTo(2000);
    }

    @Test
    void aDeleteConfirmedOnAStaleVersionIsAskedAgain() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("occ-plan"), "original"));
        console.get("/plans/" + plan.id() + "/delete")
                .andExpect(content().string(containsString("name=\"version\" value=\"0\"")));
        plans.update(plan.id(), new PlanRequest(null, "theirs"));

        MvcResult refused = console.post("/plans/" + plan.id() + "/delete", "version", "0")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans/" + plan.id() + "/delete"))
                .andReturn();
        assertThat(refused.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("error", "flash.stale.delete", new Object[] {plan.name()}));
        assertThat(plans.get(plan.id()).description()).isEqualTo("theirs");
        console.get("/plans/" + plan.id() + "/delete")
                .andExpect(content().string(containsString("name=\"version\" value=\"1\"")));

        console.post("/plans/" + plan.id() + "/delete", "version", "1")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans"));
        assertThat(plans.find(plan.id())).isEmpty();
    }

    @Test
    void aKeyRotatedSinceItsPageWasShownIsNeitherRevokedNorRotatedAgain() throws Exception {
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("occ-keys"), null, null, null, null,
                null));
        String key = keys.issue(consumer.id(), null).id();
        console.get("/consumers/" + consumer.id() + "/keys/" + key + "/revoke")
                .andExpect(content().string(containsString("name=\"version\" value=\"0\"")));
        keys.rotate(consumer.id(), key, null);

        console.post("/consumers/" + consumer.id() + "/keys/" + key + "/revoke", "version", "0")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers/" + consumer.id() + "/keys/" + key + "/revoke"));
        assertThat(keys.get(consumer.id(), key).status()).isEqualTo("rotating");
        console.post("/consumers/" + consumer.id() + "/keys/" + key + "/rotate", "version", "0",
                        "gracePeriodHours", "1")
                .andExpect(status().isOk())
                .andExpect(view().name("keys/rotate"))
                .andExpect(content().string(containsString(MESSAGE)))
                .andExpect(content().string(containsString("name=\"version\" value=\"1\"")));
        assertThat(keys.list(consumer.id())).hasSize(2);
    }

    private static void assertStale(MvcResult result, String form) {
        BindingResult binding = (BindingResult) result.getModelAndView().getModel()
                .get(BindingResult.MODEL_KEY_PREFIX + form);
        assertThat(binding.getGlobalErrors()).extracting(e -> e.getCode()).containsExactly(FormSubmission.STALE);
        assertThat(binding.getFieldErrors()).isEmpty();
    }
}
