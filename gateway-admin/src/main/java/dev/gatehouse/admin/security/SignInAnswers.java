package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditAction;
import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.user.SignInOutcome;
import dev.gatehouse.admin.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * How the console answers {@code POST /login}. A browser (or any client that does not ask for JSON only) is sent
 * back to the login page: {@code /login?error} for every refused password, {@code /login?throttled=<seconds>} while
 * throttled. A client that asks for JSON and not HTML gets problem+json: 401 {@code sign_in_failed}, or 429
 * {@code sign_in_throttled} with {@code Retry-After}. On success the session is stamped with the sign-in time, which
 * {@link SessionLifetimeFilter} holds the absolute timeout against, and with the console user's id, which
 * {@link SessionRoleRefresh} compares with the user's row on every request; the browser goes where it was headed.
 * A single sign-on's success is recorded here (a password sign-in's by {@link ConsoleAuthenticationProvider}).
 */
final class SignInAnswers implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

    /** Session attribute: when this session signed in (an {@link java.time.Instant}). */
    static final String SIGNED_IN_AT = SignInAnswers.class.getName() + ".SIGNED_IN_AT";
    /** Session attribute: the id of the console user this session signed in as (a {@link java.util.UUID}). */
    static final String USER_ID = SignInAnswers.class.getName() + ".USER_ID";

    private final ProblemWriter problems;
    private final Clock clock;
    private final AdminUserService users;
    private final SignInEvents events;
    private final AuditTrail audit;
    private final SavedRequestAwareAuthenticationSuccessHandler onward =
            new SavedRequestAwareAuthenticationSuccessHandler();

    SignInAnswers(ProblemWriter problems, Clock clock, AdminUserService users, SignInEvents events,
                  AuditTrail audit) {
        this.problems = problems;
        this.clock = clock;
        this.users = users;
        this.events = events;
        this.audit = audit;
        onward.setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        boolean json = wantsJson(request);
        if (exception instanceof SignInThrottledException throttled) {
            long seconds = Math.max(1, (Duration.between(clock.instant(), throttled.retryAt()).toMillis() + 999) / 1000);
            if (json) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "sign_in_throttled",
                        "too many failed sign-ins; try again in " + seconds + " s", null);
            } else {
                response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
            }
            return;
        }
        if (json) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "sign_in_failed",
                    "wrong user name or password", null);
        } else {
            response.sendRedirect(request.getContextPath() + "/login?error");
        }
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, jakarta.servlet.ServletException {
        if (authentication instanceof OAuth2AuthenticationToken) {
            events.record(authentication.getName(), request.getRemoteAddr(), SignInOutcome.SUCCESS);
            audit.signIn(authentication.getName(), request.getRemoteAddr(), AuditAction.SIGN_IN,
                    Map.of("method", "oidc"));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(SIGNED_IN_AT, clock.instant());
            users.find(authentication.getName()).ifPresent(user -> session.setAttribute(USER_ID, user.id()));
        }
        onward.onAuthenticationSuccess(request, response, authentication);
    }

    /** A client that accepts JSON but not HTML is a script, not a browser. */
    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }
}
