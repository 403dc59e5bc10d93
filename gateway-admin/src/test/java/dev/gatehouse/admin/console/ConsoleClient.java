package dev.gatehouse.admin.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.util.UUID;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A browser-like console client for MockMvc tests: the real security filter chain, a session obtained through
 * the real form login, and the CSRF token on every POST (unless a test leaves it out on purpose).
 */
public final class ConsoleClient {

    static final String USER = AdminIntegrationTest.ADMIN_USER;
    static final String PASSWORD = AdminIntegrationTest.ADMIN_PASSWORD;
    /** A console user who may only read; created on first use. */
    static final String VIEWER = "console-viewer";
    static final String VIEWER_PASSWORD = "viewer-password-123";

    private final MockMvc mvc;
    private final MockHttpSession session;

    private ConsoleClient(MockMvc mvc, MockHttpSession session) {
        this.mvc = mvc;
        this.session = session;
    }

    /** MockMvc over the application context with the Spring Security filter chain. */
    static MockMvc mockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** Signs in as the admin user through the login form. */
    static ConsoleClient signIn(WebApplicationContext context) throws Exception {
        return signIn(context, USER, PASSWORD);
    }

    /** Signs in as a user with role VIEWER, creating it first if needed. */
    public static ConsoleClient signInAsViewer(WebApplicationContext context) throws Exception {
        context.getBean(AdminUserService.class).createIfAbsent(VIEWER, VIEWER_PASSWORD, Role.VIEWER);
        return signIn(context, VIEWER, VIEWER_PASSWORD);
    }

    private static ConsoleClient signIn(WebApplicationContext context, String user, String password)
            throws Exception {
        MockMvc mvc = mockMvc(context);
        MvcResult login = mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(authenticated())
                .andReturn();
        return new ConsoleClient(mvc, (MockHttpSession) login.getRequest().getSession(false));
    }

    /** A name no other test uses, within the 64 characters names allow. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public ResultActions get(String url, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(url, vars).session(session));
    }

    /** The signed-in session, to check what the server keeps in it. */
    MockHttpSession session() {
        return session;
    }

    ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(session));
    }

    /** A form POST with the CSRF token; {@code fields} alternate name and value. */
    ResultActions post(String url, String... fields) throws Exception {
        return mvc.perform(form(url, fields).with(csrf()).session(session));
    }

    /** A form POST without a CSRF token. */
    ResultActions postWithoutCsrf(String url, String... fields) throws Exception {
        return mvc.perform(form(url, fields).session(session));
    }

    private static MockHttpServletRequestBuilder form(String url, String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields must alternate name and value");
        }
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(url);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }
}
