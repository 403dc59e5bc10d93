package dev.gatehouse.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Users through {@code /api/v1/users}: lifecycle, password policy, self protection, service accounts. */
@AdminIntegrationTest
class UsersApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    AdminUserService users;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebApplicationContext context;

    @Test
    void aUserIsCreatedChangedDisabledResetAndDeleted() throws Exception {
        String name = unique("alice");
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"" + name + "\",\"role\":\"EDITOR\",\"password\":\"first-password-1\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(name))
                .andExpect(jsonPath("$.role").value("EDITOR"))
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(content().string(Matchers.not(Matchers.containsString("first-password-1"))))
                .andExpect(content().string(Matchers.not(Matchers.containsStringIgnoringCase("hash"))));
        assertThat(jdbc.sql("SELECT password_hash FROM admin_users WHERE username = ?").param(name)
                .query(String.class).single()).startsWith("$2");
        signIn(name, "first-password-1").andExpect(authenticated());
        admin(get("/api/v1/users")).andExpect(jsonPath("$[*].username").value(Matchers.hasItem(name)));

        admin(patch("/api/v1/users/" + name).contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"VIEWER\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("VIEWER"));
        admin(patch("/api/v1/users/" + name).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
        signIn(name, "first-password-1").andExpect(unauthenticated());
        admin(patch("/api/v1/users/" + name).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":true}"))
                .andExpect(status().isOk());

        admin(put("/api/v1/users/" + name + "/password").contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"second-password-2\"}")).andExpect(status().isNoContent());
        signIn(name, "first-password-1").andExpect(unauthenticated());
        signIn(name, "second-password-2").andExpect(authenticated());

        admin(delete("/api/v1/users/" + name)).andExpect(status().isNoContent());
        admin(get("/api/v1/users/" + name)).andExpect(status().isNotFound());
    }

    @Test
    void thePasswordPolicyIsEnforcedAndARefusalStoresNothing() throws Exception {
        String name = unique("bob");
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"" + name + "\",\"role\":\"EDITOR\",\"password\":\"short-1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("short-1"))));
        String longName = unique("carol-the-long-name");
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"" + longName + "\",\"role\":\"EDITOR\",\"password\":\"" + longName.toUpperCase()
                        + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must not be the user name"));
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"has space\",\"role\":\"OWNER\",\"password\":\"long-enough-password\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("username", "role")));
        assertThat(jdbc.sql("SELECT count(*) FROM admin_users WHERE username IN (?, ?, 'has space')")
                .param(name).param(longName).query(Long.class).single()).isZero();

        users.createIfAbsent(name, "initial-password-9", Role.VIEWER);
        String hash = jdbc.sql("SELECT password_hash FROM admin_users WHERE username = ?").param(name)
                .query(String.class).single();
        admin(put("/api/v1/users/" + name + "/password").contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"" + name + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
        assertThat(jdbc.sql("SELECT password_hash FROM admin_users WHERE username = ?").param(name)
                .query(String.class).single()).isEqualTo(hash);
    }

    @Test
    void anAdminCannotDisableDeleteOrDemoteThemselves() throws Exception {
        String name = unique("root");
        users.createIfAbsent(name, "root-password-123", Role.ADMIN);
        String own = tokens.create(name, Role.ADMIN, "own", "ADMIN", null, null).token();

        as(own, patch("/api/v1/users/" + name).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value(AdminGuard.SELF));
        as(own, patch("/api/v1/users/" + name).contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"EDITOR\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value(AdminGuard.SELF));
        as(own, delete("/api/v1/users/" + name))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value(AdminGuard.SELF));

        assertThat(users.find(name)).hasValueSatisfying(user -> {
            assertThat(user.role()).isEqualTo(Role.ADMIN);
            assertThat(user.enabled()).isTrue();
        });
    }

    @Test
    void aServiceAccountHoldsTokensButCannotSignIn() throws Exception {
        String name = unique("ci-bot");
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"" + name + "\",\"role\":\"EDITOR\",\"serviceAccount\":true,\"password\":\"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
        admin(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(
                "{\"username\":\"" + name + "\",\"role\":\"EDITOR\",\"serviceAccount\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.serviceAccount").value(true));
        String token = com.jayway.jsonpath.JsonPath.read(admin(post("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"deploy\",\"role\":\"EDITOR\",\"owner\":\"" + name + "\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.owner").value(name))
                .andReturn().getResponse().getContentAsString(), "$.token");
        as(token, post("/api/v1/services").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        signIn(name, "!").andExpect(unauthenticated());
        admin(put("/api/v1/users/" + name + "/password").contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"a-good-long-password\"}"))
                .andExpect(status().isBadRequest());

        admin(delete("/api/v1/users/" + name)).andExpect(status().isNoContent());
        // its tokens went with it
        as(token, get("/api/v1/services")).andExpect(status().isUnauthorized());
    }

    /** A console sign-in from an address of its own, so these attempts throttle no other test. */
    private ResultActions signIn(String name, String password) throws Exception {
        String address = "10.16." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
        MockMvc browser = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        return browser.perform(post("/login").param("username", name).param("password", password)
                .with(csrf()).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ResultActions admin(MockHttpServletRequestBuilder request) throws Exception {
        return as(AdminIntegrationTest.ADMIN_TOKEN, request);
    }

    private ResultActions as(String token, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
