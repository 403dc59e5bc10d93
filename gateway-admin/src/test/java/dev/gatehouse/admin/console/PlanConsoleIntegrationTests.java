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

import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.web.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Plan pages through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class PlanConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    PlanService plans;

    @Autowired
    ConsumerService consumers;

    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void listShowsEachPlanWithItsConsumerCount() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("gold"), "Lots of calls"));
        consumers.create(new ConsumerRequest(unique("on-gold"), null, null, null, plan.name(), null));

        PlanView counted = plans.get(plan.id());
        assertThat(counted.consumers()).isEqualTo(1L);

        console.get("/plans")
                .andExpect(status().isOk())
                .andExpect(view().name("plans/list"))
                .andExpect(model().attribute("plans", hasItem(counted)))
                .andExpect(content().string(containsString(plan.name())))
                .andExpect(content().string(containsString("Lots of calls")));
    }

    @Test
    void createsAPlanFromTheForm() throws Exception {
        String name = unique("silver");
        console.get("/plans/new").andExpect(status().isOk()).andExpect(view().name("plans/form"));
        MvcResult created = console.post("/plans/new", "name", name, "description", "  Some calls  ",
                        "id", "00000000-0000-0000-0000-000000000001")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans"))
                .andReturn();

        assertThat(created.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.plan.created", new Object[] {name}));
        PlanView plan = plans.get(name);
        assertThat(plan.description()).isEqualTo("Some calls");
        assertThat(plan.id()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void invalidNamesAreShownBesideTheFieldAndNothingIsSaved() throws Exception {
        console.post("/plans/new", "name", "no spaces allowed", "description", "x")
                .andExpect(status().isOk())
                .andExpect(view().name("plans/form"))
                .andExpect(model().attributeHasFieldErrors("planForm", "name"))
                .andExpect(content().string(containsString("id=\"name-error\"")));
        assertThat(plans.list()).extracting(PlanView::name).doesNotContain("no spaces allowed");
    }

    @Test
    void aTakenNameIsAFormWideError() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("taken"), null));
        console.post("/plans/new", "name", plan.name())
                .andExpect(status().isOk())
                .andExpect(view().name("plans/form"))
                .andExpect(model().attributeHasErrors("planForm"))
                .andExpect(content().string(containsString("already exists")));
    }

    @Test
    void editsAPlan() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("bronze"), "old"));
        console.get("/plans/{id}/edit", plan.id())
                .andExpect(status().isOk())
                .andExpect(model().attribute("planId", plan.id()))
                .andExpect(model().attribute("planForm", hasProperty("description", is("old"))));
        console.post("/plans/" + plan.id() + "/edit", "name", plan.name(), "description", "new")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans"));
        assertThat(plans.get(plan.id()).description()).isEqualTo("new");
        assertThat(plans.get(plan.id()).createdAt()).isEqualTo(plan.createdAt());
    }

    @Test
    void deletesAnUnusedPlanAfterConfirmation() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("unused"), null));
        console.get("/plans/{id}/delete", plan.id())
                .andExpect(status().isOk())
                .andExpect(view().name("plans/delete"))
                .andExpect(model().attribute("plan", plan));
        console.post("/plans/" + plan.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans"));
        assertThatThrownBy(() -> plans.get(plan.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAPlanInUseIsRefusedWithTheReason() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("busy"), null));
        String consumer = unique("busy-consumer");
        consumers.create(new ConsumerRequest(consumer, null, null, null, plan.name(), null));

        console.get("/plans/{id}/delete", plan.id())
                .andExpect(content().string(containsString("One consumer is still on this plan")));
        MvcResult refused = console.post("/plans/" + plan.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/plans"))
                .andReturn();
        FlashMessage flash = (FlashMessage) refused.getFlashMap().get(FlashMessage.ATTRIBUTE);
        assertThat(flash.kind()).isEqualTo("error");
        assertThat(flash.code()).isEqualTo("flash.deleteRefused");
        assertThat(plans.get(plan.id())).isNotNull();

        console.perform(MockMvcRequestBuilders.get("/plans").flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Not deleted: ")))
                .andExpect(content().string(containsString(consumer)));
    }

    @Test
    void writesNeedTheCsrfTokenAndAWriter() throws Exception {
        String name = unique("forged");
        console.postWithoutCsrf("/plans/new", "name", name).andExpect(status().isForbidden());

        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/plans")
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"new-plan\""))));
        viewer.post("/plans/new", "name", name).andExpect(status().isForbidden());
        PlanView plan = plans.create(new PlanRequest(unique("kept"), null));
        viewer.post("/plans/" + plan.id() + "/delete").andExpect(status().isForbidden());

        assertThat(plans.list()).extracting(PlanView::name).doesNotContain(name).contains(plan.name());
    }

    @Test
    void anUnknownPlanIsANotFoundPage() throws Exception {
        console.get("/plans/{id}/edit", "00000000-0000-0000-0000-00000000abcd")
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"));
    }
}
