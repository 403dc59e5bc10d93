package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's configuration history with the real security configuration: a viewer sees the revisions, a
 * revision's field-by-field changes and two revisions compared, but no rollback link; an editor or admin sees
 * it; bad revision numbers are shown beside their fields and compare nothing.
 */
@AdminIntegrationTest
class HistoryConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    MockMvc apiMvc;
    String service;
    long created;
    long updated;

    @BeforeEach
    void change() throws Exception {
        AdminApi api = new AdminApi(apiMvc);
        service = unique("histsvc");
        api.post("/api/v1/services", """
                {"name": "%s", "basePath": "/v1", "targets": [{"host": "127.0.0.1", "port": 9000}]}"""
                .formatted(service)).andExpect(status().isCreated());
        created = AdminApi.revision();
        api.put("/api/v1/services/" + service, """
                {"basePath": "/v2", "targets": [{"host": "127.0.0.1", "port": 9000}]}""")
                .andExpect(status().isOk());
        updated = AdminApi.revision();
    }

    @Test
    void aViewerSeesTheHistoryARevisionAndAComparisonButNoRollback() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/config/history?name=" + service)
                .andExpect(status().isOk())
                .andExpect(view().name("history/list"))
                .andExpect(content().string(containsString("id=\"nav-history\"")))
                .andExpect(content().string(containsString("data-revision=\"" + updated + "\"")))
                .andExpect(content().string(containsString("data-revision=\"" + created + "\"")))
                .andExpect(content().string(containsString(service)));

        viewer.get("/config/history/" + updated)
                .andExpect(status().isOk())
                .andExpect(view().name("history/detail"))
                .andExpect(content().string(containsString("data-path=\"basePath\"")))
                .andExpect(content().string(containsString("aria-labelledby=\"change-0\"")))
                .andExpect(content().string(containsString("data-change=\"changed\"")))
                .andExpect(content().string(containsString("<del>/v1</del>")))
                .andExpect(content().string(containsString("<ins>/v2</ins>")))
                .andExpect(content().string(containsString("href=\"/config/history/diff?from=" + updated + "\"")))
                .andExpect(content().string(not(containsString("id=\"rollback\""))));

        viewer.get("/config/history/diff?from=" + updated + "&to=" + (created - 1))
                .andExpect(status().isOk())
                .andExpect(view().name("history/diff"))
                .andExpect(content().string(containsString("id=\"diff-heading\"")))
                .andExpect(content().string(containsString("data-name=\"" + service + "\"")))
                .andExpect(content().string(containsString("data-op=\"delete\"")));
        viewer.get("/config/history/diff?from=" + (created - 1) + "&to=" + updated)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-op=\"create\"")))
                .andExpect(content().string(containsString("<ins>/v2</ins>")));
    }

    @Test
    void editorsAndAdminsAreOfferedTheRollback() throws Exception {
        ConsoleClient.signIn(context).get("/config/history/" + created)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"rollback\"")))
                .andExpect(content().string(containsString("href=\"/config/history/" + created + "/rollback\"")));
    }

    @Test
    void badRevisionsAreShownBesideTheirFieldsOrNotFound() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/config/history/diff?from=abc&to=99999999")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"from-error\"")))
                .andExpect(content().string(containsString("id=\"to-error\"")))
                .andExpect(content().string(containsString("never committed")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(not(containsString("id=\"diff-heading\""))));
        viewer.get("/config/history/diff")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"diff-form\"")))
                .andExpect(content().string(not(containsString("-error\""))));
        viewer.get("/config/history?from=yesterday&kind=thing")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"from-error\"")))
                .andExpect(content().string(containsString("id=\"kind-error\"")))
                .andExpect(content().string(not(containsString("id=\"history-table\""))));
        viewer.get("/config/history/abc").andExpect(status().isNotFound());
        viewer.get("/config/history/99999999").andExpect(status().isNotFound());
    }
}
