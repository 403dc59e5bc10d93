package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.PASSWORD;
import static dev.gatehouse.admin.console.ConsoleClient.USER;
import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** The console behind the real security configuration: sign-in, sign-out, CSRF, public assets. */
@AdminIntegrationTest
class ConsoleSecurityIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    UpstreamService services;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/services", "/services/new", "/routes", "/routes/new", "/consumers",
            "/consumers/new", "/plans", "/plans/new", "/nodes"})
    void pagesRequireSignIn(String page) throws Exception {
        ConsoleClient.mockMvc(context).perform(get(page))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void loginPageAndAssetsArePublic() throws Exception {
        MockMvc mvc = ConsoleClient.mockMvc(context);
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(view().name("login"))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/css/console.css")).andExpect(status().isOk());
        mvc.perform(get("/js/console.js")).andExpect(status().isOk());
        mvc.perform(get("/images/gatehouse.svg")).andExpect(status().isOk());
    }

    @Test
    void loginPageExplainsBadCredentialsAndSignOut() throws Exception {
        MockMvc mvc = ConsoleClient.mockMvc(context);
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(containsString("Wrong user name or password")));
        mvc.perform(get("/login").param("logout", ""))
                .andExpect(content().string(containsString("You have been signed out.")));
    }

    @Test
    void wrongPasswordReturnsToTheLoginPageWithAnError() throws Exception {
        ConsoleClient.mockMvc(context).perform(formLogin("/login").user(USER).password(PASSWORD + "-wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signedInUserSeesTheLayoutAndCanSignOut() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        console.get("/").andExpect(status().isOk()).andExpect(view().name("dashboard/index"));
        console.get("/services")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"/logout\"")))
                .andExpect(content().string(containsString(">" + USER + "<")));
        console.post("/logout")
                .andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void signedInUserIsSentFromTheLoginPageToTheConsole() throws Exception {
        ConsoleClient.signIn(context).get("/login").andExpect(redirectedUrl("/"));
    }

    @Test
    void postsWithoutCsrfTokenAreRefusedAndChangeNothing() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        String name = unique("nocsrf");
        console.postWithoutCsrf("/services/new", "name", name, "targets[0].host", "10.1.1.1", "targets[0].port", "80")
                .andExpect(status().isForbidden());
        assertThat(services.list()).extracting(ServiceView::name).doesNotContain(name);
    }
}
