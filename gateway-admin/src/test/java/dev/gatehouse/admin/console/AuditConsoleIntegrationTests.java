package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's audit trail with the real security configuration: a change made in the console is recorded with
 * the console user as actor, sign-ins (successful or not) are recorded, the list page filters and shows errors
 * beside fields, the detail page shows a field-by-field diff, and viewers may not see any of it.
 */
@AdminIntegrationTest
class AuditConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    UpstreamService services;
    @Autowired
    AdminUserService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc apiMvc;
    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    @Test
    void aRouteCreatedInTheConsoleIsRecordedWithTheConsoleUserAndShownWithItsDiff() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("csvc"),
                List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null, null));
        String name = unique("croute");
        console.post("/routes/new", "name", name, "service", service.name(), "paths", "/console",
                        "pathMatch", "prefix", "priority", "1")
                .andExpect(status().isFound());

        Map<String, Object> row = jdbc.sql("SELECT id, actor_type, actor_name, action, client_address FROM audit_log"
                + " WHERE object_name = ? AND object_kind = 'route'").param(name).query().singleRow();
        assertThat(row).containsEntry("actor_type", "user").containsEntry("actor_name", AdminIntegrationTest.ADMIN_USER)
                .containsEntry("action", "create").containsEntry("client_address", "127.0.0.1");

        console.get("/audit?kind=route&objectName=" + name)
                .andExpect(status().isOk())
                .andExpect(view().name("audit/list"))
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(containsString("nav-audit")));

        console.get("/audit/" + row.get("id"))
                .andExpect(status().isOk())
                .andExpect(view().name("audit/detail"))
                .andExpect(content().string(containsString("data-change=\"ADDED\"")))
                .andExpect(content().string(containsString("data-path=\"paths[0]\"")))
                .andExpect(content().string(containsString("Added")))
                .andExpect(content().string(containsString("/console")));
    }

    @Test
    void theDetailPageSaysWhatChangedInWordsAndSymbols() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("dsvc"),
                List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null, null));
        new AdminApi(apiMvc).put("/api/v1/services/" + service.id(), """
                {"basePath": "/v2", "targets": [{"host": "127.0.0.1", "port": 9001}]}""")
                .andExpect(status().isOk());
        long id = jdbc.sql("SELECT id FROM audit_log WHERE object_id = ? AND action = 'update'")
                .param(service.id()).query(Long.class).single();

        console.get("/audit/" + id)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-change=\"CHANGED\"")))
                .andExpect(content().string(containsString("Changed")))
                .andExpect(content().string(containsString("<del>")))
                .andExpect(content().string(containsString("<ins>")))
                .andExpect(content().string(containsString("9001")));
        console.get("/audit/999999999999").andExpect(status().isNotFound());
    }

    @Test
    void badFiltersAreShownBesideTheirFieldsAndListNothing() throws Exception {
        console.get("/audit?from=yesterday&kind=thing")
                .andExpect(status().isOk())
                .andExpect(view().name("audit/list"))
                .andExpect(content().string(containsString("id=\"from-error\"")))
                .andExpect(content().string(containsString("id=\"kind-error\"")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(not(containsString("id=\"audit-table\""))));
    }

    @Test
    void signInsSuccessfulOrNotAreRecorded() throws Exception {
        String user = unique("auditor");
        users.createIfAbsent(user, "auditor-password-123", Role.EDITOR);
        MockMvc mvc = ConsoleClient.mockMvc(context);
        mvc.perform(formLogin("/login").user(user).password("wrong-password-123")).andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user(user).password("auditor-password-123")).andExpect(authenticated());

        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE actor_name = ? ORDER BY id").param(user)
                .query(String.class).list()).containsExactly("sign-in-failed", "sign-in");
        console.get("/audit?actor=" + user + "&action=sign-in-failed")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("sign-in-failed")));
    }

    @Test
    void viewersMayNotReadTheAuditTrail() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/audit").andExpect(status().isForbidden());
        viewer.get("/").andExpect(content().string(not(containsString("nav-audit"))));
    }
}
