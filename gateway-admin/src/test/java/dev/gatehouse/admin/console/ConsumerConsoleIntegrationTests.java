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

import dev.gatehouse.admin.apikey.ApiKeyService;
import dev.gatehouse.admin.apikey.IssueKeyRequest;
import dev.gatehouse.admin.consumer.ConsumerQuery;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.web.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Consumer pages through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class ConsumerConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ConsumerService consumers;

    @Autowired
    PlanService plans;

    @Autowired
    ApiKeyService keys;

    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void listShowsConsumersWithStatusGroupsPlanAndKeys() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("list-plan"), null));
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("listed"), "Listed app", "active",
                List.of("partners"), plan.name(), List.of()));
        keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        assertThat(consumers.get(consumer.id()).activeKeys()).isEqualTo(1L);

        console.get("/consumers")
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/list"))
                .andExpect(model().attribute("consumers", hasItem(consumers.get(consumer.id()))))
                .andExpect(model().attribute("groups", hasItem("partners")))
                .andExpect(content().string(containsString(consumer.name())))
                .andExpect(content().string(containsString(plan.name())))
                .andExpect(content().string(containsString("badge-green")));
    }

    @Test
    void listCanBeSearchedAndFilteredByStatusAndGroup() throws Exception {
        String marker = unique("needle");
        ConsumerView active = consumers.create(new ConsumerRequest(marker + "-a", null, "active",
                List.of("g-" + marker), null, null));
        ConsumerView suspended = consumers.create(new ConsumerRequest(marker + "-s", null, "suspended",
                List.of(), null, null));

        console.perform(MockMvcRequestBuilders.get("/consumers").param("search", marker))
                .andExpect(model().attribute("filtered", true))
                .andExpect(model().attribute("consumers", hasItem(active)))
                .andExpect(model().attribute("consumers", hasItem(suspended)));
        console.perform(MockMvcRequestBuilders.get("/consumers").param("search", marker).param("status", "suspended"))
                .andExpect(model().attribute("consumers", List.of(suspended)));
        console.perform(MockMvcRequestBuilders.get("/consumers").param("group", "g-" + marker))
                .andExpect(model().attribute("consumers", List.of(active)))
                .andExpect(content().string(containsString("value=\"g-" + marker + "\" selected")));
        console.perform(MockMvcRequestBuilders.get("/consumers").param("search", "nobody-" + marker))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No consumer matches")));
    }

    @Test
    void createsAConsumerFromTheForm() throws Exception {
        PlanView plan = plans.create(new PlanRequest(unique("form-plan"), null));
        String name = unique("mobile");
        console.get("/consumers/new")
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/form"))
                .andExpect(model().attribute("planNames", hasItem(plan.name())));

        MvcResult created = console.post("/consumers/new", "name", name, "description", "The iOS app",
                        "status", "active", "groups", "partners\nbeta", "plan", plan.name(), "tags", "team-a",
                        "id", "00000000-0000-0000-0000-000000000001", "activeKeys", "99")
                .andExpect(status().isFound())
                .andReturn();

        ConsumerView consumer = consumers.get(name);
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/consumers/" + consumer.id());
        assertThat(created.getFlashMap().get(FlashMessage.ATTRIBUTE))
                .isEqualTo(new FlashMessage("success", "flash.consumer.created", new Object[] {name}));
        assertThat(consumer.groups()).containsExactly("partners", "beta");
        assertThat(consumer.plan()).isEqualTo(plan.name());
        assertThat(consumer.tags()).containsExactly("team-a");
        assertThat(consumer.activeKeys()).isZero();
        assertThat(consumer.id()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void invalidEntriesAreShownBesideTheirFieldsAndNothingIsSaved() throws Exception {
        String name = unique("bad-consumer");
        console.post("/consumers/new", "name", name, "status", "active", "tags", "fine\nnot fine",
                        "plan", "no-such-plan-" + name)
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/form"))
                .andExpect(model().attributeHasFieldErrors("consumerForm", "tags", "plan"))
                .andExpect(content().string(containsString("\u201cnot fine\u201d must be")))
                .andExpect(content().string(containsString("id=\"plan-error\"")))
                .andExpect(content().string(containsString("(no longer exists)")));
        assertThatThrownBy(() -> consumers.get(name)).isInstanceOf(NotFoundException.class);

        console.post("/consumers/new", "name", "")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("consumerForm", "name"));
    }

    @Test
    void aTakenNameIsAFormWideError() throws Exception {
        ConsumerView taken = consumers.create(new ConsumerRequest(unique("taken"), null, null, null, null, null));
        console.post("/consumers/new", "name", taken.name())
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already exists")));
        assertThat(consumers.list(new ConsumerQuery(taken.name(), null, null))).hasSize(1);
    }

    @Test
    void editsAConsumer() throws Exception {
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("editable"), "old", null,
                List.of("a"), null, null));
        console.get("/consumers/{id}/edit", consumer.id())
                .andExpect(status().isOk())
                .andExpect(model().attribute("consumerId", consumer.id()))
                .andExpect(model().attribute("consumerForm", hasProperty("groups", is("a"))));

        console.post("/consumers/" + consumer.id() + "/edit", "name", consumer.name(), "description", "new",
                        "status", "active", "groups", "a, b", "plan", "")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers/" + consumer.id()));
        ConsumerView updated = consumers.get(consumer.id());
        assertThat(updated.description()).isEqualTo("new");
        assertThat(updated.groups()).containsExactly("a", "b");
        assertThat(updated.createdAt()).isEqualTo(consumer.createdAt());
    }

    @Test
    void suspendsAndActivatesAfterConfirmation() throws Exception {
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("switch"), null, null, null, null,
                null));
        console.get("/consumers/{id}/suspend", consumer.id())
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/status"))
                .andExpect(model().attribute("action", "suspend"))
                .andExpect(content().string(containsString("Every key of this consumer is refused")));
        MvcResult suspended = console.post("/consumers/" + consumer.id() + "/suspend")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers/" + consumer.id()))
                .andReturn();
        assertThat(((FlashMessage) suspended.getFlashMap().get(FlashMessage.ATTRIBUTE)).code())
                .isEqualTo("flash.consumer.suspended");
        assertThat(consumers.get(consumer.id()).status()).isEqualTo("suspended");
        console.get("/consumers/{id}", consumer.id())
                .andExpect(content().string(containsString("This consumer is suspended")))
                .andExpect(content().string(containsString("id=\"activate-consumer\"")));

        console.get("/consumers/{id}/activate", consumer.id()).andExpect(model().attribute("action", "activate"));
        console.post("/consumers/" + consumer.id() + "/activate").andExpect(status().isFound());
        assertThat(consumers.get(consumer.id()).status()).isEqualTo("active");
    }

    @Test
    void deletesAConsumerAndItsKeysAfterConfirmation() throws Exception {
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("doomed"), null, null, null, null,
                null));
        keys.issue(consumer.id(), new IssueKeyRequest(null, null));
        console.get("/consumers/{id}/delete", consumer.id())
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/delete"))
                .andExpect(content().string(containsString("It holds one active key.")));
        console.post("/consumers/" + consumer.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers"));
        assertThatThrownBy(() -> consumers.get(consumer.id())).isInstanceOf(NotFoundException.class);

        console.post("/consumers/" + consumer.id() + "/delete")
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/consumers"));
    }

    @Test
    void writesNeedTheCsrfTokenAndAWriter() throws Exception {
        ConsumerView consumer = consumers.create(new ConsumerRequest(unique("guarded"), null, null, null, null,
                null));
        String name = unique("forged");
        console.postWithoutCsrf("/consumers/new", "name", name).andExpect(status().isForbidden());
        console.postWithoutCsrf("/consumers/" + consumer.id() + "/suspend").andExpect(status().isForbidden());

        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/consumers")
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"new-consumer\""))));
        viewer.get("/consumers/{id}", consumer.id())
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"suspend-consumer\""))));
        viewer.post("/consumers/new", "name", name).andExpect(status().isForbidden());
        viewer.post("/consumers/" + consumer.id() + "/suspend").andExpect(status().isForbidden());
        viewer.post("/consumers/" + consumer.id() + "/delete").andExpect(status().isForbidden());

        assertThatThrownBy(() -> consumers.get(name)).isInstanceOf(NotFoundException.class);
        assertThat(consumers.get(consumer.id()).status()).isEqualTo("active");
    }

    @Test
    void anUnknownConsumerIsANotFoundPage() throws Exception {
        console.get("/consumers/{id}", "00000000-0000-0000-0000-00000000abcd")
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"));
        console.get("/consumers/{id}/edit", "00000000-0000-0000-0000-00000000abcd")
                .andExpect(status().isNotFound());
    }
}
