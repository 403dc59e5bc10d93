package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.policy.PolicySchema;
import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.policy.PolicyView;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateWindow;
import dev.gatehouse.config.policy.RequestSizePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/** Policy pages, the plan editor's limits and a route's effective policies, through real security and PostgreSQL. */
@AdminIntegrationTest
class PolicyConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    PolicyService policies;
    @Autowired
    PlanService plans;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    JsonMapper mapper;
    @Autowired
    MessageSource messages;

    ConsoleClient console;
    RouteView route;

    @BeforeEach
    void setUp() throws Exception {
        console = ConsoleClient.signIn(context);
        String service = unique("pc-svc");
        services.create(new ServiceRequest(service, List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null,
                null, null));
        route = routes.create(new RouteRequest(unique("pc-route"), service, null, List.of("/" + unique("pc")), null,
                null, null, null, null, "none", null, null, null, null));
    }

    @Test
    void formsAreGeneratedFromEachTypesRecord() throws Exception {
        console.get("/policies/new").andExpect(status().isOk()).andExpect(view().name("policies/types"))
                .andExpect(content().string(containsString("circuit-breaker")));
        console.get("/policies/new?type=rate-limit").andExpect(status().isOk())
                .andExpect(view().name("policies/form"))
                .andExpect(content().string(containsString("name=\"config.limits[0].requests\"")))
                .andExpect(content().string(containsString("name=\"config.limits[2].window\"")))
                .andExpect(content().string(containsString("name=\"config.by\"")))
                .andExpect(content().string(containsString("<option value=\"client-ip\"")));
        console.get("/policies/new?type=transform").andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"config.request.set\"")))
                .andExpect(content().string(containsString("name=\"config.pathRewrite.from\"")));
        console.get("/policies/new?type=cors").andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"config.allowCredentials\"")));
    }

    @Test
    void eachConfigurationFieldShowsItsHelpFromTheMessages() throws Exception {
        for (PolicyType type : PolicyType.all()) {
            MvcResult page = console.get("/policies/new?type=" + type.value()).andExpect(status().isOk())
                    .andReturn();
            String html = page.getResponse().getContentAsString();
            @SuppressWarnings("unchecked")
            List<PolicySchema.Field> fields = (List<PolicySchema.Field>) page.getModelAndView().getModel()
                    .get("fields");
            assertThat(fields).filteredOn(f -> f.help() != null).as(type.value()).isNotEmpty()
                    .allSatisfy(f -> assertThat(html)
                            .contains(HtmlUtils.htmlEscape(messages.getMessage(f.help(), null, Locale.ENGLISH))));
        }
        console.get("/policies/new?type=rate-limit")
                .andExpect(content().string(containsString("id=\"f-config-limits-0-requests-help\"")))
                .andExpect(content().string(containsString("aria-describedby=\"f-config-limits-0-requests-help\"")))
                .andExpect(content().string(not(containsString("id=\"f-config-limits-1-requests-help\""))));
    }

    @Test
    void createsAPolicyAndShowsRefusalsBesideTheirFields() throws Exception {
        String name = unique("console-limit");
        String before = AdminApi.fingerprint();
        // A negative limit and a row left blank in between: the message lands on the row the admin filled in.
        MvcResult refused = console.post("/policies/new", "type", "rate-limit", "name", name, "enabled", "true",
                        "scope", "route", "route", route.name(), "config.limits[0].requests", "",
                        "config.limits[1].requests", "-3", "config.limits[1].window", "second")
                .andExpect(status().isOk())
                .andExpect(view().name("policies/form"))
                .andExpect(content().string(containsString("must be between 1 and")))
                .andReturn();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> errors = (Map<String, List<String>>) refused.getModelAndView().getModel().get("errors");
        assertThat(errors).containsOnlyKeys("config.limits[1].requests");
        assertThat(AdminApi.fingerprint()).isEqualTo(before);

        console.post("/policies/new", "type", "rate-limit", "name", name, "enabled", "true", "scope", "route",
                        "route", route.name(), "config.limits[1].requests", "30", "config.limits[1].window", "minute",
                        "config.by", "client-ip")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/policies"));
        PolicyView created = policies.get(name);
        assertThat(created.route()).isEqualTo(route.name());
        assertThat(mapper.writeValueAsString(created.config())).contains("\"requests\":30", "\"client-ip\"");

        console.get("/policies?scope=route&type=rate-limit").andExpect(status().isOk())
                .andExpect(content().string(containsString(name)));
        console.get("/policies?type=cors").andExpect(content().string(not(containsString(name))));
        console.get("/policies/" + created.id()).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"30\"")));

        // The route's page shows the route policy winning its type.
        console.get("/routes/" + route.id()).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"effective-policies\"")))
                .andExpect(content().string(containsString("/policies/" + created.id() + "/edit")));

        console.post("/policies/" + created.id() + "/edit", "name", name, "scope", "global",
                        "route", "", "config.limits[0].requests", "5", "config.limits[0].window", "second")
                .andExpect(status().isFound());
        assertThat(policies.get(name).enabled()).isFalse();
        assertThat(policies.get(name).scope()).isEqualTo("global");

        console.post("/policies/" + created.id() + "/delete").andExpect(status().isFound());
        assertThat(policies.list(null, null)).noneMatch(p -> p.name().equals(name));
    }

    @Test
    void unknownFieldsTextInNumbersAndTargetsAreRefusedPerField() throws Exception {
        console.post("/policies/new", "type", "request-size", "name", unique("size"), "enabled", "true",
                        "scope", "route", "route", "no-such-route", "config.maxBytes", "lots")
                .andExpect(status().isOk())
                .andExpect(model().attribute("errors", hasKey("route")))
                .andExpect(model().attribute("errors", hasKey("config.maxBytes")));
        console.post("/policies/new", "type", "ip-restriction", "name", unique("ip"), "enabled", "true",
                        "scope", "global", "config.allow", "10.0.0.0/8\n10.0.0.0/99")
                .andExpect(status().isOk())
                .andExpect(model().attribute("errors", hasKey("config.allow")))
                .andExpect(content().string(containsString("10.0.0.0/99")));
    }

    @Test
    void viewersSeePoliciesButCannotChangeThem() throws Exception {
        PolicyView policy = policies.create(new PolicyRequest(unique("viewer-sees"), true, "route", null, route.name(),
                null, null, mapper.valueToTree(new RequestSizePolicy(1024))));
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/policies").andExpect(status().isOk()).andExpect(content().string(containsString(policy.name())))
                .andExpect(content().string(not(containsString("id=\"new-policy\""))));
        viewer.get("/policies/" + policy.id()).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"save\""))));
        viewer.post("/policies/" + policy.id() + "/delete").andExpect(status().isForbidden());
        viewer.post("/policies/new", "type", "request-size", "name", unique("nope"), "scope", "global",
                "config.maxBytes", "10").andExpect(status().isForbidden());
        assertThat(policies.get(policy.id()).name()).isEqualTo(policy.name());
    }

    @Test
    void planEditorSetsLimitsAndQuotas() throws Exception {
        String name = unique("plan-limits");
        console.post("/plans/new", "name", name, "perSecond", "10", "perHour", "1000", "callsPerDay", "5000",
                "quotaBy", "key").andExpect(status().isFound());
        PlanView plan = plans.get(name);
        assertThat(plan.rateLimits()).containsExactly(new RateLimit(10, RateWindow.SECOND),
                new RateLimit(1000, RateWindow.HOUR));
        assertThat(plan.quotas()).singleElement().satisfies(q -> assertThat(q.by().name()).isEqualTo("KEY"));
        console.get("/plans/" + plan.id()).andExpect(content().string(containsString("value=\"1000\"")));
        console.get("/plans").andExpect(content().string(containsString("10/second")));

        String before = AdminApi.fingerprint();
        console.post("/plans/" + plan.id() + "/edit", "name", name, "perMinute", "x")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("planForm", "perMinute"));
        console.post("/plans/" + plan.id() + "/edit", "name", name, "perSecond", "0")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("planForm", "perSecond"))
                .andExpect(content().string(containsString("must be between 1 and")));
        assertThat(AdminApi.fingerprint()).isEqualTo(before);

        // Clearing the fields removes the limits.
        console.post("/plans/" + plan.id() + "/edit", "name", name).andExpect(status().isFound());
        assertThat(plans.get(name).rateLimits()).isEmpty();
        assertThat(plans.get(name).quotas()).isEmpty();
    }
}
