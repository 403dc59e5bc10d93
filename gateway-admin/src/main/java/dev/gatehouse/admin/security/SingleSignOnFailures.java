package dev.gatehouse.admin.security;

import dev.gatehouse.admin.audit.AuditAction;
import dev.gatehouse.admin.audit.AuditTrail;
import dev.gatehouse.admin.user.SignInEvents;
import dev.gatehouse.admin.user.SignInOutcome;
import dev.gatehouse.admin.user.SingleSignOnRefusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A single sign-on that ended without a session: recorded as a failed sign-in (the sign-in record and the audit
 * trail, whose entry keeps {@code method: oidc} and the {@code reason}) and explained on the sign-in page,
 * {@code /login?sso=<code>}. A refusal by the console ({@link SingleSignOnRefusal}: no role, disabled, name taken,
 * no name) is recorded under the console user name; anything else (a state that matches no request sent, a bad ID
 * token, the provider answering an error) under {@value #UNKNOWN_USER}, with the OAuth2 error code as reason.
 */
final class SingleSignOnFailures implements AuthenticationFailureHandler {

    /** Recorded user name when the failure came before any user was known (no valid user name has parentheses). */
    static final String UNKNOWN_USER = "(single sign-on)";
    /** The code of every failure that is not the console's refusal. */
    static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnFailures.class);

    private final SignInEvents events;
    private final AuditTrail audit;

    SingleSignOnFailures(SignInEvents events, AuditTrail audit) {
        this.events = events;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String username = UNKNOWN_USER;
        String reason;
        String code = FAILED;
        if (exception.getCause() instanceof SingleSignOnRefusal refusal) {
            username = refusal.username() == null || refusal.username().isEmpty() ? UNKNOWN_USER : refusal.username();
            reason = refusal.reason().code();
            code = refusal.reason().code();
        } else if (exception instanceof OAuth2AuthenticationException oauth) {
            // the provider's error code comes from the callback's query: keep it short
            String error = oauth.getError().getErrorCode();
            reason = error == null ? FAILED : error.substring(0, Math.min(error.length(), 64));
        } else {
            reason = exception.getClass().getSimpleName();
        }
        String address = request.getRemoteAddr();
        // for the operator setting it up: Spring Security's description (a refused token, an unreachable provider)
        log.info("Single sign-on from {} refused ({}): {}", address, reason, exception.getMessage());
        events.record(username, address, SignInOutcome.FAILURE);
        audit.signIn(username, address, AuditAction.SIGN_IN_FAILED, Map.of("method", "oidc", "reason", reason));
        response.sendRedirect(request.getContextPath() + "/login?sso=" + code);
    }
}
