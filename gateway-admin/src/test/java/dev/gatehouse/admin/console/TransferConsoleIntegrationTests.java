package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The import / export page through the real security configuration: export downloads the document, a preview
 * shows the dry run's diff and changes nothing, apply commits it as one revision, a stale preview and a bad
 * document are refused with messages, a file upload works like the text box, and viewers get 403.
 */
@AdminIntegrationTest
class TransferConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    UpstreamService services;
    ConsoleClient console;

    @BeforeEach
    void signIn() throws Exception {
        console = ConsoleClient.signIn(context);
    }

    private static String file(String name, int port) {
        return """
                gatehouse: 1
                services:
                  - name: %s
                    targets: [{host: 127.0.0.1, port: %d}]
                """.formatted(name, port);
    }

    @Test
    void previewShowsTheDiffThenApplyCommitsOneRevision() throws Exception {
        String name = unique("xfer");
        console.get("/config/transfer").andExpect(status().isOk()).andExpect(view().name("config/transfer"))
                .andExpect(content().string(containsString("id=\"nav-transfer\"")));
        long before = AdminApi.revision();
        console.post("/config/transfer/preview", "document", file(name, 9001))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-op=\"create\"")))
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(containsString("id=\"apply-form\"")))
                .andExpect(content().string(containsString("name=\"ifRevision\" value=\"" + before + "\"")));
        assertThat(services.find(name)).isEmpty();
        assertThat(AdminApi.revision()).isEqualTo(before);

        console.post("/config/transfer/apply", "document", file(name, 9001), "ifRevision", Long.toString(before))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/config/transfer"));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(services.find(name)).isPresent();

        // a preview made before that commit is stale now
        console.post("/config/transfer/apply", "document", file(name, 9002), "ifRevision", Long.toString(before))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"stale\"")));
        assertThat(services.get(name).targets().get(0).port()).isEqualTo(9001);
    }

    @Test
    void aBadDocumentIsListedWithItsFilePathsAndAnUploadedFileIsRead() throws Exception {
        console.post("/config/transfer/preview", "document", "gatehouse: 1\nservices:\n  - name: x\n    colour: red\n")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"problems\"")))
                .andExpect(content().string(containsString("services[0].colour")))
                .andExpect(content().string(not(containsString("id=\"apply-form\""))));
        String name = unique("xfer-file");
        MockMultipartFile upload = new MockMultipartFile("file", "gatehouse.yaml", "application/yaml",
                file(name, 9003).getBytes(StandardCharsets.UTF_8));
        ConsoleClient.mockMvc(context).perform(MockMvcRequestBuilders.multipart("/config/transfer/preview")
                        .file(upload).with(csrf()).session(console.session()))
                .andExpect(status().isOk()).andExpect(content().string(containsString(name)));
    }

    @Test
    void exportDownloadsTheDocument() throws Exception {
        console.get("/config/transfer/export?format=json")
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"gatehouse.json\""))
                .andExpect(content().string(containsString("\"gatehouse\" : 1")));
    }

    @Test
    void viewersMayNotUseThePages() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/config/transfer").andExpect(status().isForbidden());
        viewer.get("/config/transfer/export").andExpect(status().isForbidden());
        viewer.post("/config/transfer/preview", "document", file(unique("v"), 1)).andExpect(status().isForbidden());
        viewer.get("/config/history/1/rollback").andExpect(status().isForbidden());
        viewer.get("/").andExpect(content().string(not(containsString("id=\"nav-transfer\""))));
    }

    @Test
    void theRollbackPageSaysSoWhenThereIsNoHistory() throws Exception {
        // On a branch without the history feature; with it, RollbackIntegrationTests covers the page's API.
        if (context.getBeanNamesForType(dev.gatehouse.admin.history.RevisionStates.class).length > 0) {
            console.get("/config/history/" + AdminApi.revision() + "/rollback").andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"nothing\"")));
            return;
        }
        console.get("/config/history/1/rollback").andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"unavailable\"")));
    }
}
