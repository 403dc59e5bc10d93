package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.user.SignInEvent;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.user.SignInOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Console sign-in through the real security configuration: throttling, one answer for every refused password,
 * the sign-in record, session handling and the security headers. Each test uses user names and client addresses
 * of its own (from documentation ranges), so the shared context's throttle never holds back another test.
 */
@AdminIntegrationTest
class ConsoleSignInIntegrationTests {

    private static final String PASSWORD = "right-password-123";
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(ThreadLocalRandom.current().nextInt(60_000));

    @Autowired
    WebApplicationContext context;
    @Autowired
    AdminUserService users;
    @Autowired
    SignInEvents events;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void failuresAreDelayedAfterThreeAndAThrottledAttemptIsNotCheckedEvenWithTheRightPassword() throws Exception {
        String user = existingUser(Role.VIEWER);
        String address = address();
        for (int i = 0; i < 3; i++) {
            signIn(user, "wrong", address).andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        }
        signIn(user, PASSWORD, address).andExpect(redirectedUrl("/login?throttled=1")).andExpect(unauthenticated());
        // from another address too: the account is what waits
        signIn(user, PASSWORD, address()).andExpect(redirectedUrl("/login?throttled=1"));

        mvc.perform(get("/login").param("throttled", "1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Too many failed sign-ins. Wait 1 second, then try again.")));

        assertThat(outcomes(user)).containsExactly(SignInOutcome.THROTTLED, SignInOutcome.FAILURE,
                SignInOutcome.FAILURE, SignInOutcome.FAILURE);
    }

    @Test
    void aLockedAccountGetsTheSameAnswerWhetherOrNotItExists() throws Exception {
        String existing = existingUser(Role.VIEWER);
        String unknown = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            // ten failures each, as the throttle would have counted them (the delays in between not waited)
            throttle.failed(existing, address());
            throttle.failed(unknown, address());
        }
        String lockedExisting = signIn(existing, PASSWORD, address()).andReturn().getResponse().getRedirectedUrl();
        String lockedUnknown = signIn(unknown, PASSWORD, address()).andReturn().getResponse().getRedirectedUrl();
        assertThat(lockedExisting).isEqualTo(lockedUnknown).isIn("/login?throttled=900", "/login?throttled=899");

        mvc.perform(get("/login").param("throttled", "900"))
                .andExpect(content().string(containsString("Wait 15 minutes, then try again.")));
        mvc.perform(get("/login").param("throttled", "junk<script>"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Wait 60 minutes")));

        MvcResult json = signIn(existing, PASSWORD, address(), "application/json")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("(899|900)")))
                .andExpect(jsonPath("$.code").value("sign_in_throttled"))
                .andReturn();
        assertThat(json.getResponse().getContentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownUserWrongPasswordAndDisabledUserGetTheSameAnswer() throws Exception {
        String existing = existingUser(Role.EDITOR);
        String disabled = existingUser(Role.EDITOR);
        jdbc.sql("UPDATE admin_users SET enabled = false WHERE username = ?").param(disabled).update();

        MockHttpServletResponse wrong = signIn(existing, "wrong", address()).andReturn().getResponse();
        MockHttpServletResponse unknown = signIn("nobody-" + UUID.randomUUID(), "wrong", address())
                .andReturn().getResponse();
        MockHttpServletResponse off = signIn(disabled, PASSWORD, address()).andReturn().getResponse();
        for (MockHttpServletResponse other : List.of(unknown, off)) {
            assertThat(other.getStatus()).isEqualTo(wrong.getStatus()).isEqualTo(302);
            assertThat(other.getRedirectedUrl()).isEqualTo(wrong.getRedirectedUrl()).isEqualTo("/login?error");
            assertThat(other.getContentAsString()).isEqualTo(wrong.getContentAsString());
            assertThat(other.getHeaderNames()).containsExactlyInAnyOrderElementsOf(wrong.getHeaderNames());
        }

        signIn(existing, "wrong", address(), "application/json")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("sign_in_failed"));
        signIn("nobody-" + UUID.randomUUID(), "wrong", address(), "application/json")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("sign_in_failed"));
    }

    @Test
    void anUnknownUserCostsAPasswordCheckLikeAWrongPassword() throws Exception {
        String existing = existingUser(Role.VIEWER);
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            known.add(timed(existing));
            unknown.add(timed("nobody-" + UUID.randomUUID()));
        }
        // BCrypt dominates both; without the dummy check an unknown user would answer many times faster
        assertThat(Collections.min(unknown)).isGreaterThan(Collections.min(known) / 3);
    }

    @Test
    void signInsAreRecordedWithTheNameAsTypedButBounded() throws Exception {
        String user = existingUser(Role.VIEWER);
        String address = address();
        signIn(user, PASSWORD, address).andExpect(authenticated());
        String longName = "x".repeat(300);
        signIn(longName, "wrong", address).andExpect(redirectedUrl("/login?error"));

        List<SignInEvent> mine = events.list(user, null, null, 10).items();
        assertThat(mine).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(SignInOutcome.SUCCESS);
            assertThat(e.clientAddress()).isEqualTo(address);
            assertThat(e.at()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                    Duration.ofMinutes(1)));
        });
        assertThat(events.list("x".repeat(100), SignInOutcome.FAILURE, null, 10).items())
                .anySatisfy(e -> assertThat(e.clientAddress()).isEqualTo(address));
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'sign_in_event'"
                + " AND column_name LIKE '%pass%'").query(Long.class).single()).isZero();
    }

    @Test
    void eventsOlderThanTheRetentionAreDeleted() {
        String old = "retention-old-" + UUID.randomUUID().toString().substring(0, 8);
        String recent = "retention-new-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO sign_in_event (at, username, client_address, outcome)"
                + " VALUES (now() - interval '91 days', ?, '192.0.2.1', 'FAILURE')").param(old).update();
        jdbc.sql("INSERT INTO sign_in_event (at, username, client_address, outcome)"
                + " VALUES (now() - interval '89 days', ?, '192.0.2.1', 'FAILURE')").param(recent).update();

        assertThat(events.deleteOlderThan(Duration.ofDays(90))).isGreaterThanOrEqualTo(1);
        assertThat(events.list(old, null, null, 10).items()).isEmpty();
        assertThat(events.list(recent, null, null, 10).items()).hasSize(1);
    }

    @Test
    void signInChangesTheSessionId() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(get("/login")).andReturn().getRequest()
                .getSession(false);
        assertThat(session).as("the login page's CSRF token lives in a session").isNotNull();
        String before = session.getId();
        String user = existingUser(Role.VIEWER);
        MvcResult login = mvc.perform(post("/login").param("username", user).param("password", PASSWORD)
                        .with(csrf()).with(remote(address())).session(session))
                .andExpect(authenticated())
                .andReturn();
        assertThat(login.getRequest().getSession(false).getId()).isNotEqualTo(before);
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() throws Exception {
        MockHttpSession session = signedIn(existingUser(Role.VIEWER));
        mvc.perform(get("/services").session(session)).andExpect(status().isOk());
        session.setAttribute(SignInAnswers.SIGNED_IN_AT, Instant.now().minus(Duration.ofHours(12)).minusSeconds(1));
        mvc.perform(get("/services").session(session)).andExpect(redirectedUrl("/login?expired"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/login").param("expired", "")).andExpect(content().string(containsString("expired")));
    }

    @Test
    void consolePagesCarryTheSecurityHeaders() throws Exception {
        MockHttpSession session = signedIn(existingUser(Role.VIEWER));
        for (ResultActions page : List.of(mvc.perform(get("/login")), mvc.perform(get("/services").session(session)),
                mvc.perform(get("/").session(session)))) {
            page.andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"));
        }
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).contains("script-src 'self';")
                .contains("style-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe");
    }

    @Test
    void theSignInRecordIsForAdminsInTheApiAndTheConsole() throws Exception {
        String user = existingUser(Role.VIEWER);
        signIn(user, "wrong", address());

        mvc.perform(get("/api/v1/sign-ins").param("username", user)
                        .header("Authorization", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].username").value(user))
                .andExpect(jsonPath("$.items[0].outcome").value("FAILURE"))
                .andExpect(jsonPath("$.items[0].password").doesNotExist())
                .andExpect(jsonPath("$.before").doesNotExist());
        mvc.perform(get("/api/v1/sign-ins").param("outcome", "maybe").param("limit", "0")
                        .header("Authorization", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(content().string(containsString("outcome")))
                .andExpect(content().string(containsString("limit")));
        for (Role role : List.of(Role.EDITOR, Role.VIEWER)) {
            String token = "sign-ins-" + role + "-" + UUID.randomUUID();
            tokens.storeIfAbsent(token, token, role);
            mvc.perform(get("/api/v1/sign-ins").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
        }

        MockHttpSession admin = signedIn(existingUser(Role.ADMIN));
        mvc.perform(get("/users/sign-ins").param("username", user).session(admin))
                .andExpect(status().isOk())
                .andExpect(view().name("users/sign-ins"))
                .andExpect(model().attribute("errors", List.of()))
                .andExpect(content().string(containsString(user)))
                .andExpect(content().string(containsString("Refused")));
        mvc.perform(get("/").session(admin)).andExpect(content().string(containsString("id=\"nav-sign-ins\"")));
        mvc.perform(get("/users/sign-ins").param("outcome", "maybe").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("outcome must be one of")));

        MockHttpSession viewer = signedIn(existingUser(Role.VIEWER));
        mvc.perform(get("/users/sign-ins").session(viewer)).andExpect(status().isForbidden());
        mvc.perform(get("/").session(viewer)).andExpect(content().string(
                org.hamcrest.Matchers.not(containsString("nav-sign-ins"))));
    }

    private long timed(String user) throws Exception {
        long start = System.nanoTime();
        signIn(user, "wrong", address()).andExpect(redirectedUrl("/login?error"));
        return System.nanoTime() - start;
    }

    private MockHttpSession signedIn(String user) throws Exception {
        return (MockHttpSession) signIn(user, PASSWORD, address()).andExpect(authenticated()).andReturn()
                .getRequest().getSession(false);
    }

    private ResultActions signIn(String user, String password, String address) throws Exception {
        return signIn(user, password, address, null);
    }

    private ResultActions signIn(String user, String password, String address, String accept) throws Exception {
        MockHttpServletRequestBuilder request = post("/login").param("username", user).param("password", password)
                .with(csrf()).with(remote(address));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return mvc.perform(request);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private List<SignInOutcome> outcomes(String user) {
        return events.list(user, null, null, 50).items().stream().map(SignInEvent::outcome).toList();
    }

    private String existingUser(Role role) {
        String name = "signin-" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(name, PASSWORD, role);
        return name;
    }

    /** A client address of its own (TEST-NET-2), so no other attempt shares its counter. */
    private static String address() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (n / 254) % 256 + "." + (n % 254 + 1);
    }
}
