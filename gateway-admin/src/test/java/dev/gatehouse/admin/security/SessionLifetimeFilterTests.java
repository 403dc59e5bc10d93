package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** The absolute session timeout, on a clock the test moves. */
class SessionLifetimeFilterTests {

    private final SignInThrottleTests.TestClock clock = new SignInThrottleTests.TestClock();
    private final SessionLifetimeFilter filter = new SessionLifetimeFilter(Duration.ofHours(12), clock);

    @Test
    void aSessionLivesTwelveHoursFromSignInHoweverActive() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignInAnswers.SIGNED_IN_AT, clock.instant());

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        MockFilterChain passed = new MockFilterChain();
        filter.doFilter(request(session), new MockHttpServletResponse(), passed);
        assertThat(passed.getRequest()).isNotNull();
        assertThat(session.isInvalid()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain stopped = new MockFilterChain();
        filter.doFilter(request(session), response, stopped);
        assertThat(stopped.getRequest()).as("the request goes no further").isNull();
        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
    }

    @Test
    void aSessionWithoutSignInTimeCountsFromItsCreation() throws Exception {
        MockHttpSession session = new MockHttpSession();
        clock.advance(Duration.between(clock.instant(), Instant.ofEpochMilli(session.getCreationTime()))
                .plusHours(12));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request(session), response, new MockFilterChain());
        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
    }

    @Test
    void requestsWithoutSessionPass() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/login"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }

    private static MockHttpServletRequest request(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/services");
        request.setSession(session);
        return request;
    }
}
