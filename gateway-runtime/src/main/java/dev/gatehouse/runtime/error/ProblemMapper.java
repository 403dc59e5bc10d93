package dev.gatehouse.runtime.error;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * Maps whatever failed during a request to the {@link GatewayProblem} the client receives. Upstream failures are
 * recognised by their cause anywhere in the chain, because Spring Cloud Gateway and Reactor Netty wrap them.
 *
 * <p>Decisions: a connect <em>timeout</em> is 504 {@code upstream_timeout}, like nginx: the target exists but did
 * not answer in time, which is a timeout to the client just as a slow response is; a refused, reset or unroutable
 * connection is 502 {@code upstream_unavailable}. A response timeout is 504 {@code upstream_timeout}. An upstream
 * that breaks off its response body is 502 {@code upstream_aborted} (when the client has not received the status
 * yet; otherwise the client connection is aborted and the code only recorded). Anything not
 * recognised is 500 {@code internal_error} with a fixed detail: no exception message or stack trace leaves the node.
 */
public final class ProblemMapper {

    /** The problem for {@code error}. */
    public GatewayProblem map(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            GatewayProblem known = recognise(t);
            if (known != null) {
                return known;
            }
        }
        if (error instanceof ResponseStatusException rse) {
            return byStatus(rse.getStatusCode());
        }
        return internal();
    }

    private static GatewayProblem recognise(Throwable t) {
        if (t instanceof GatewayProblem problem) {
            return problem;
        }
        if (t instanceof UpstreamAbortedException) {
            return new GatewayProblem(HttpStatus.BAD_GATEWAY, GatewayProblem.UPSTREAM_ABORTED, "Upstream aborted",
                    "The upstream closed the connection before its response was complete.");
        }
        if (t instanceof org.springframework.cloud.gateway.support.TimeoutException
                || t instanceof java.util.concurrent.TimeoutException) {
            return timeout("The upstream did not start answering within the service's response timeout.");
        }
        if (t instanceof ConnectTimeoutException) {
            return timeout("Timed out connecting to the upstream within the service's connect timeout.");
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException) {
            return unavailable("Could not connect to the upstream.");
        }
        if (t instanceof PrematureCloseException || t instanceof ClosedChannelException) {
            return unavailable("The upstream closed the connection before answering.");
        }
        if (t instanceof SocketException || t instanceof Errors.NativeIoException) {
            // "Connection reset by peer": typically a pooled connection the upstream closed just as it was reused
            return unavailable("The upstream reset the connection before answering.");
        }
        if (t instanceof SSLException) {
            return unavailable("The TLS handshake with the upstream failed.");
        }
        return null;
    }

    private static GatewayProblem byStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null || known.is5xxServerError()) {
            return internal();
        }
        return new GatewayProblem(known, codeOf(known), known.getReasonPhrase(), "The request was refused: "
                + known.getReasonPhrase() + ".");
    }

    /** The stable {@code code} of a 4xx answer the node gives for {@code status} (one table for every refusal). */
    public static String codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONTENT_TOO_LARGE -> "request_too_large";
            case URI_TOO_LONG -> "uri_too_long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            default -> status.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static GatewayProblem timeout(String detail) {
        return new GatewayProblem(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout", "Upstream timeout", detail);
    }

    private static GatewayProblem unavailable(String detail) {
        return new GatewayProblem(HttpStatus.BAD_GATEWAY, "upstream_unavailable", "Upstream unavailable", detail);
    }

    /** 500 {@code internal_error}. */
    static GatewayProblem internal() {
        return new GatewayProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error",
                "The gateway could not handle this request.");
    }
}
