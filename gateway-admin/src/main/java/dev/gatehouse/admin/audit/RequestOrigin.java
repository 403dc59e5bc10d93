package dev.gatehouse.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is making the current change and from where, as the audit trail and the configuration history record it.
 *
 * @param actor     the signed-in user or API token, or {@link AuditActor#SYSTEM} outside a request
 * @param address   the client address (after trusted-proxy resolution), null outside a request
 * @param requestId the request's {@code X-Request-Id} when it looks like one, else null
 */
public record RequestOrigin(AuditActor actor, String address, String requestId) {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The origin of the change the current thread is making. */
    public static RequestOrigin current() {
        AuditActor actor = AuditActor.of(SecurityContextHolder.getContext().getAuthentication());
        HttpServletRequest request = currentRequest();
        return request == null ? new RequestOrigin(actor, null, null)
                : new RequestOrigin(actor, request.getRemoteAddr(), requestId(request.getHeader("X-Request-Id")));
    }

    /** The current request's id as sent when it looks like one; anything else is dropped rather than stored. */
    static String currentRequestId() {
        HttpServletRequest request = currentRequest();
        return request == null ? null : requestId(request.getHeader("X-Request-Id"));
    }

    /** A request id as sent when it looks like one; anything else is dropped rather than stored. */
    static String requestId(String header) {
        return header != null && REQUEST_ID.matcher(header).matches() ? header : null;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
