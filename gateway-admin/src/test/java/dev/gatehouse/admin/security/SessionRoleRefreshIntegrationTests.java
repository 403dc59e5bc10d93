package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A console session follows its user's row: an admin's change through the API takes effect at the user's next
 * request, not at their next sign-in (ADR 014). Users of its own, signed in with their password.
 */
@AdminIntegrationTest
class SessionRoleRefreshIntegrationTests {

    private static final String PASSWORD = "right-password-123";

    @Autowired
    WebApplicationContext context;
    @Autowired
    AdminUserService users;

    MockMvc mvc;
    AdminApi admin;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        admin = new AdminApi(mvc);
    }

    @Test
    void aDemotedEditorLosesWriteAccessAtTheNextRequest() throws Exception {
        String editor = user(Role.EDITOR);
        MockHttpSession session = signedIn(editor);
        // an editor may post a service form (an empty one is answered with the form and its errors, not 403)
        mvc.perform(post("/services/new").session(session).with(csrf())).andExpect(status().isOk());
        mvc.perform(get("/services").session(session))
                .andExpect(content().string(containsString("id=\"nav-audit\"")));

        admin.patch("/api/v1/users/" + editor, "{\"role\":\"VIEWER\"}").andExpect(status().isOk());

        mvc.perform(post("/services/new").session(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/services").session(session)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"nav-audit\""))));
        mvc.perform(get("/audit").session(session)).andExpect(status().isForbidden());
        assertThat(session.isInvalid()).as("a role change keeps the session").isFalse();

        // and back: promoted, the same session writes again
        admin.patch("/api/v1/users/" + editor, "{\"role\":\"EDITOR\"}").andExpect(status().isOk());
        mvc.perform(post("/services/new").session(session).with(csrf())).andExpect(status().isOk());
    }

    @Test
    void aDisabledUsersSessionEndsAtTheNextRequest() throws Exception {
        String editor = user(Role.EDITOR);
        MockHttpSession session = signedIn(editor);
        mvc.perform(get("/services").session(session)).andExpect(status().isOk());

        admin.patch("/api/v1/users/" + editor, "{\"enabled\":false}").andExpect(status().isOk());

        mvc.perform(get("/services").session(session)).andExpect(redirectedUrl("/login?ended"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/login").param("ended", "")).andExpect(content().string(containsString("disabled or removed")));
    }

    @Test
    void aDeletedUsersSessionEndsEvenIfTheNameIsGivenToSomeoneElse() throws Exception {
        String name = user(Role.ADMIN);
        MockHttpSession session = signedIn(name);
        mvc.perform(get("/users").session(session)).andExpect(status().isOk());

        admin.delete("/api/v1/users/" + name).andExpect(status().isNoContent());
        // a new user of the same name and role is another person: the old session is not theirs
        users.createIfAbsent(name, PASSWORD, Role.ADMIN);

        mvc.perform(post("/services/new").session(session).with(csrf())).andExpect(redirectedUrl("/login?ended"));
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void anAdminsConsoleChangeReachesTheSessionOfAnAdminToo() throws Exception {
        String other = user(Role.ADMIN);
        MockHttpSession session = signedIn(other);
        mvc.perform(get("/users").session(session)).andExpect(status().isOk());

        users.change(AdminIntegrationTest.ADMIN_USER, other, "EDITOR", null);

        mvc.perform(get("/users").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/audit").session(session)).andExpect(status().isOk());
    }

    private String user(Role role) {
        String name = "refresh-" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(name, PASSWORD, role);
        return name;
    }

    private MockHttpSession signedIn(String user) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", user).param("password", PASSWORD)
                        .with(csrf()).with(request -> {
                            // an address of its own, so the shared throttle never counts these
                            request.setRemoteAddr("203.0.113." + (1 + (int) (Math.random() * 250)));
                            return request;
                        }))
                .andExpect(authenticated()).andReturn().getRequest().getSession(false);
    }
}
