package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.security.CreatedToken;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Changes to users ({@code /users}) and API tokens ({@code /tokens}) made in the console in the audit trail: one
 * record each, with the signed-in user as actor, the address and request id, before and after; never a password,
 * hash or token; nothing for a refused change. Reads the raw rows, as the audit API is covered elsewhere.
 */
@AdminIntegrationTest
class AccountAuditConsoleIntegrationTests {

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
    void eachUserChangeInTheConsoleWritesOneRecord() throws Exception {
        String name = ConsoleClient.unique("carol");
        String password = "carol-password-" + UUID.randomUUID();
        String newPassword = "carol-new-password-" + UUID.randomUUID();
        post("/users/new", "creq-1", "username", name, "role", "EDITOR", "password", password,
                "_serviceAccount", "on").andExpect(redirectedUrl("/users"));
        String id = users.find(name).orElseThrow().id().toString();
        post("/users/" + name + "/edit", "creq-2", "role", "VIEWER", "enabled", "true", "_enabled", "on")
                .andExpect(redirectedUrl("/users"));
        post("/users/" + name + "/edit", "creq-3", "role", "VIEWER", "_enabled", "on")
                .andExpect(redirectedUrl("/users"));
        post("/users/" + name + "/password", "creq-4", "password", newPassword).andExpect(redirectedUrl("/users"));
        String hash = jdbc.sql("SELECT password_hash FROM admin_users WHERE username = ?").param(name)
                .query(String.class).single();
        post("/users/" + name + "/delete", "creq-5").andExpect(redirectedUrl("/users"));

        List<Map<String, Object>> rows = rows("user", id);
        assertThat(rows).extracting(r -> r.get("action"))
                .containsExactly("create", "update", "disable", "password-reset", "delete");
        assertThat(rows).extracting(r -> r.get("request_id"))
                .containsExactly("creq-1", "creq-2", "creq-3", "creq-4", "creq-5");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("actor_type")).isEqualTo("user");
            assertThat(row.get("actor_name")).isEqualTo(ConsoleClient.USER);
            assertThat(row.get("client_address")).isEqualTo("127.0.0.1");
            assertThat(row.get("object_name")).isEqualTo(name);
            assertThat(row.get("revision")).isNull();
            assertThat(String.valueOf(row.get("before")) + row.get("after"))
                    .doesNotContain(password, newPassword, hash, "$2", "{bcrypt}")
                    .doesNotContainIgnoringCase("hash");
        });
        assertThat(rows.get(0).get("before")).isNull();
        assertThat(rows.get(0).get("after").toString()).contains("\"role\": \"EDITOR\"");
        assertThat(rows.get(1).get("before").toString()).contains("\"role\": \"EDITOR\"");
        assertThat(rows.get(1).get("after").toString()).contains("\"role\": \"VIEWER\"");
        assertThat(rows.get(2).get("before").toString()).contains("\"enabled\": true");
        assertThat(rows.get(2).get("after").toString()).contains("\"enabled\": false");
        assertThat(rows.get(4).get("before").toString()).contains("\"username\": \"" + name + "\"");
        assertThat(rows.get(4).get("after")).isNull();
    }

    @Test
    void tokenCreateAndRevokeInTheConsoleWriteOneRecordEachWithoutTheToken() throws Exception {
        String name = ConsoleClient.unique("console-token");
        CreatedToken created = (CreatedToken) post("/tokens", "ctreq-1", "name", name, "role", "VIEWER")
                .andExpect(status().isOk())
                .andReturn().getModelAndView().getModel().get("created");
        post("/tokens/" + created.id() + "/revoke", "ctreq-2").andExpect(redirectedUrl("/tokens"));

        List<Map<String, Object>> rows = rows("token", created.id().toString());
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("create", "revoke");
        assertThat(rows).extracting(r -> r.get("request_id")).containsExactly("ctreq-1", "ctreq-2");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("actor_type")).isEqualTo("user");
            assertThat(row.get("actor_name")).isEqualTo(ConsoleClient.USER);
            assertThat(row.get("client_address")).isEqualTo("127.0.0.1");
            assertThat(row.get("object_name")).isEqualTo(name);
            assertThat(String.valueOf(row.get("before")) + row.get("after")).doesNotContain(created.token());
        });
        assertThat(rows.get(0).get("after").toString()).contains("\"owner\": \"" + ConsoleClient.USER + "\"")
                .contains("\"role\": \"VIEWER\"");
        assertThat(rows.get(1).get("before").toString()).contains("\"name\": \"" + name + "\"");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE before::text LIKE ? OR after::text LIKE ?")
                .param("%" + created.token() + "%").param("%" + created.token() + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void refusedConsoleChangesWriteNoRecord() throws Exception {
        String name = ConsoleClient.unique("refused");
        post("/users/new", "crefused-1", "username", name, "role", "ROOT", "password", "a-long-enough-password")
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("userForm", "role"));
        assertThat(users.find(name)).isEmpty();

        users.createIfAbsent(name, "a-long-enough-password", Role.VIEWER);
        post("/users/" + name + "/edit", "crefused-2", "role", "ROOT", "enabled", "true")
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("userForm", "role"));
        post("/users/" + name + "/password", "crefused-3", "password", "short")
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("userForm", "password"));
        String tokenName = ConsoleClient.unique("refused-token");
        post("/tokens", "crefused-4", "name", tokenName, "role", "ROOT")
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("tokenForm", "role"));

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE request_id LIKE 'crefused-%'"
                        + " AND object_name IN (?, ?)").param(name).param(tokenName)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE object_kind IN ('user', 'token')"
                        + " AND object_name IN (?, ?)").param(name).param(tokenName)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theAuditPageFiltersOnTheNewKindsAndActions() throws Exception {
        console.get("/audit?kind=token&action=revoke").andExpect(status().isOk())
                .andExpect(model().attribute("errors", Map.of()))
                .andExpect(content().string(containsString("<option value=\"token\" selected")))
                .andExpect(content().string(containsString("<option value=\"password-reset\"")))
                .andExpect(content().string(containsString("<option value=\"disable\"")));
        console.get("/audit?kind=user&action=password-reset").andExpect(status().isOk())
                .andExpect(model().attribute("errors", Map.of()));
    }

    /** A CSRF-protected form POST in the signed-in session with an {@code X-Request-Id}. */
    private ResultActions post(String url, String requestId, String... fields) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(url).with(csrf())
                .header("X-Request-Id", requestId);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return console.perform(request);
    }

    /** The raw audit rows about one object, oldest first. */
    private List<Map<String, Object>> rows(String kind, String id) {
        return jdbc.sql("SELECT action, actor_type, actor_name, client_address, request_id, object_name, revision,"
                        + " before::text AS before, after::text AS after FROM audit_log"
                        + " WHERE object_kind = ? AND object_id = ? ORDER BY id")
                .param(kind).param(id).query().listOfRows();
    }
}
