package dev.gatehouse.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute session timeout ({@code gatehouse.admin.session.absolute-timeout}, default 12 h): a console session
 * ends that long after it signed in, however active it is (the idle timeout, {@code server.servlet.session.timeout},
 * is the servlet container's). Measured from the sign-in time stamped by {@link SignInAnswers}, or from the
 * session's creation for a session without one. An expired session is invalidated before the security context is
 * read from it, and the browser is sent to {@code /login?expired}.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    private final Duration absoluteTimeout;
    private final Clock clock;

    SessionLifetimeFilter(Duration absoluteTimeout, Clock clock) {
        this.absoluteTimeout = absoluteTimeout;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && expired(session)) {
            session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean expired(HttpSession session) {
        Instant start;
        try {
            start = session.getAttribute(SignInAnswers.SIGNED_IN_AT) instanceof Instant signedIn ? signedIn
                    : Instant.ofEpochMilli(session.getCreationTime());
        } catch (IllegalStateException alreadyInvalidated) {
            return false;
        }
        return !clock.instant().isBefore(start.plus(absoluteTimeout));
    }
}
