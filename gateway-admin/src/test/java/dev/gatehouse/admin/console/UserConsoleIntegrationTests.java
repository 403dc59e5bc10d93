package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** User pages through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class UserConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    AdminUserService users;
    @Autowired
    JdbcClient jdbc;

    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void createsAUserAndListsIt() throws Exception {
        String name = ConsoleClient.unique("dora");
        MvcResult created = console.post("/users/new", "username", name, "role", "EDITOR",
                        "password", "dora-password-12", "_serviceAccount", "on")
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/users")).andReturn();
        assertThat(((FlashMessage) created.getFlashMap().get(FlashMessage.ATTRIBUTE)).code())
                .isEqualTo("flash.user.created");
        assertThat(users.find(name)).hasValueSatisfying(user -> assertThat(user.role()).isEqualTo(Role.EDITOR));

        console.get("/users").andExpect(status().isOk()).andExpect(view().name("users/list"))
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(not(containsString("dora-password-12"))));
    }

    @Test
    void aShortPasswordIsShownBesideTheFieldAndNothingIsStored() throws Exception {
        String name = ConsoleClient.unique("eric");
        console.post("/users/new", "username", name, "role", "VIEWER", "password", "short")
                .andExpect(status().isOk())
                .andExpect(view().name("users/form"))
                .andExpect(model().attributeHasFieldErrors("userForm", "password"))
                .andExpect(content().string(containsString("must have at least 12 characters")))
                .andExpect(content().string(not(containsString("value=\"short\""))));
        assertThat(users.find(name)).isEmpty();
    }

    @Test
    void changesTheRoleDisablesResetsThePasswordAndDeletesAfterConfirmation() throws Exception {
        String name = ConsoleClient.unique("fay");
        users.createIfAbsent(name, "fay-password-123", Role.VIEWER);

        console.get("/users/{name}/edit", name).andExpect(status().isOk()).andExpect(view().name("users/form"));
        console.post("/users/" + name + "/edit", "role", "EDITOR", "_enabled", "on")
                .andExpect(redirectedUrl("/users"));
        assertThat(users.find(name)).hasValueSatisfying(user -> {
            assertThat(user.role()).isEqualTo(Role.EDITOR);
            assertThat(user.enabled()).isFalse();
        });

        String hash = hash(name);
        console.post("/users/" + name + "/password", "password", name)
                .andExpect(status().isOk()).andExpect(view().name("users/password"))
                .andExpect(model().attributeHasFieldErrors("userForm", "password"));
        assertThat(hash(name)).isEqualTo(hash);
        console.post("/users/" + name + "/password", "password", "fay-new-password-1")
                .andExpect(redirectedUrl("/users"));
        assertThat(hash(name)).isNotEqualTo(hash);

        console.get("/users/{name}/delete", name).andExpect(status().isOk()).andExpect(view().name("users/delete"));
        assertThat(users.find(name)).isPresent();
        console.post("/users/" + name + "/delete").andExpect(redirectedUrl("/users"));
        assertThat(users.find(name)).isEmpty();
    }

    @Test
    void theSignedInAdminCannotDisableThemselves() throws Exception {
        console.post("/users/" + ConsoleClient.USER + "/edit", "role", "ADMIN", "_enabled", "on")
                .andExpect(status().isOk())
                .andExpect(model().attributeHasErrors("userForm"))
                .andExpect(content().string(containsString("you cannot disable yourself")));
        assertThat(users.find(ConsoleClient.USER)).hasValueSatisfying(user -> assertThat(user.enabled()).isTrue());
    }

    @Test
    void viewersCannotOpenTheUserPages() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/users").andExpect(status().isForbidden());
        viewer.post("/users/new", "username", ConsoleClient.unique("x"), "role", "ADMIN",
                "password", "escalation-password").andExpect(status().isForbidden());
    }

    private String hash(String name) {
        return jdbc.sql("SELECT password_hash FROM admin_users WHERE username = ?").param(name)
                .query(String.class).single();
    }
}
