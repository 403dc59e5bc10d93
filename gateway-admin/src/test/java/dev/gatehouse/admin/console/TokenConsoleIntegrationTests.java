package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.security.CreatedToken;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.WebApplicationContext;

/** The API tokens page, for a viewer (own tokens only, at most VIEWER) through the real security configuration. */
@AdminIntegrationTest
class TokenConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aViewerCreatesAViewerTokenSeesItOnceAndRevokesIt() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        String name = ConsoleClient.unique("laptop");

        CreatedToken created = (CreatedToken) viewer.post("/tokens", "name", name, "role", "VIEWER")
                .andExpect(status().isOk())
                .andExpect(view().name("tokens/created"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("gha_")))
                .andReturn().getModelAndView().getModel().get("created");
        assertThat(created.owner()).isEqualTo(ConsoleClient.VIEWER);

        viewer.get("/tokens").andExpect(status().isOk())
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(not(containsString(created.token()))));

        viewer.post("/tokens/" + created.id() + "/revoke").andExpect(redirectedUrl("/tokens"));
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE id = ?").param(created.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRoleAboveTheOwnersIsShownBesideTheFieldAndNothingIsStored() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        String name = ConsoleClient.unique("escalate");

        viewer.post("/tokens", "name", name, "role", "ADMIN")
                .andExpect(status().isOk())
                .andExpect(view().name("tokens/list"))
                .andExpect(model().attributeHasFieldErrors("tokenForm", "role"))
                .andExpect(content().string(containsString("must not exceed the owner")));
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE name = ?").param(name)
                .query(Long.class).single()).isZero();
    }
}
