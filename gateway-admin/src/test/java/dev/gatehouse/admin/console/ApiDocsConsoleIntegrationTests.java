package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's API page: rendered for signed-in users (any role), with Swagger UI and its starter loaded from
 * this admin under the console's unchanged Content-Security-Policy; the login page for everyone else. The console
 * session opens the page and its copy of the document, never the API.
 */
@AdminIntegrationTest
class ApiDocsConsoleIntegrationTests {

    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>");
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:webjars|js|css)/[^\"]+)\"");

    @Autowired
    WebApplicationContext context;

    @Test
    void pageRendersSwaggerUiForSignedInUsersUnderTheConsolePolicy() throws Exception {
        String page = ConsoleClient.signIn(context).get("/api-docs")
                .andExpect(status().isOk())
                .andExpect(view().name("api-docs/index"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe"))))
                .andExpect(content().string(containsString("id=\"swagger-ui\"")))
                .andExpect(content().string(containsString("data-document-url=\"/api-docs/gatehouse-admin.yaml\"")))
                .andExpect(content().string(containsString("src=\"/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js\"")))
                .andExpect(content().string(containsString("src=\"/js/api-docs.js\"")))
                .andReturn().getResponse().getContentAsString();

        // nothing inline that the policy would refuse
        Matcher scripts = SCRIPT.matcher(page);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file").contains("src=");
        }
        assertThat(page).doesNotContain(" style=\"").doesNotContain("<style");
        // the sidebar links here, marked current
        assertThat(page).containsPattern("id=\"nav-api-docs\"[^>]*aria-current=\"page\"|aria-current=\"page\"[^>]*id=\"nav-api-docs\"");

        // every script and stylesheet it names is served from this admin
        MockMvc anonymous = ConsoleClient.mockMvc(context);
        Matcher assets = ASSET.matcher(page);
        int count = 0;
        while (assets.find()) {
            anonymous.perform(get(assets.group(1))).andExpect(status().isOk());
            count++;
        }
        assertThat(count).as("assets checked").isGreaterThanOrEqualTo(5);
    }

    @Test
    void viewersSeeThePageAndEveryPageLinksToIt() throws Exception {
        ConsoleClient viewer = ConsoleClient.signInAsViewer(context);
        viewer.get("/api-docs").andExpect(status().isOk());
        viewer.get("/nodes")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"nav-api-docs\"")))
                .andExpect(content().string(containsString("href=\"/api-docs\"")));
    }

    @Test
    void pageServesTheDocumentUnderTheConsoleSession() throws Exception {
        String served = ConsoleClient.signIn(context).get("/api-docs/gatehouse-admin.yaml")
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/yaml"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        try (InputStream in = new ClassPathResource("openapi/gatehouse-admin.yaml").getInputStream()) {
            assertThat(served).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void signedOutBrowsersAreSentToTheLoginPage() throws Exception {
        MockMvc anonymous = ConsoleClient.mockMvc(context);
        for (String path : new String[] {"/api-docs", "/api-docs/gatehouse-admin.yaml"}) {
            anonymous.perform(get(path))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl("/login"));
        }
    }

    @Test
    void consoleSessionDoesNotOpenTheApi() throws Exception {
        // "Try it out" needs an API token: the API never takes the console's cookie (it has no CSRF protection)
        ConsoleClient.signIn(context).get("/api/v1/openapi.yaml")
                .andExpect(status().isUnauthorized());
    }
}
