package dev.gatehouse.runtime.error;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway itself answers, with a stable {@code code} for clients. Carries no stack trace: these are
 * expected outcomes (no route, bad path, not ready), raised per request, and a trace would only cost time.
 */
public final class GatewayProblem extends RuntimeException {

    /** Codes of calls the upstream failed ({@code upstream_unavailable}, {@code upstream_timeout}...) start so. */
    private static final String UPSTREAM_CODE_PREFIX = "upstream_";
    /** Codes of composite calls a required step failed ({@code composite_step_failed}, ...) start so. */
    private static final String STEP_CODE_PREFIX = "composite_step_";

    /** Code of a call whose upstream broke off its response body ({@link UpstreamAbortedException}). */
    public static final String UPSTREAM_ABORTED = "upstream_aborted";
    /** Code of a call whose upstream address the node refuses to connect to (SSRF defence). */
    public static final String TARGET_FORBIDDEN = "target_forbidden";

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final HttpHeaders headers;
    private final Map<String, String> extensions;

    public GatewayProblem(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, HttpHeaders.EMPTY);
    }

    /** A problem answered with extra response headers, such as {@code WWW-Authenticate} or {@code Retry-After}. */
    public GatewayProblem(HttpStatus status, String code, String title, String detail, HttpHeaders headers) {
        this(status, code, title, detail, headers, Map.of());
    }

    /**
     * A problem whose body carries extension members (RFC 9457 section 3.2) besides the standard ones, such as the
     * {@code step} a composite call failed on; their names must not be those of the standard members.
     */
    public GatewayProblem(HttpStatus status, String code, String title, String detail, HttpHeaders headers,
                          Map<String, String> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.extensions = Map.copyOf(extensions);
    }

    /**
     * True when {@code code} names a failed upstream call (502, 504), a composite call's failed step included,
     * rather than an answer of the gateway's own.
     */
    public static boolean isUpstreamFailure(String code) {
        return code != null && (code.startsWith(UPSTREAM_CODE_PREFIX) || code.startsWith(STEP_CODE_PREFIX));
    }

    /** 503 {@code not_ready}: the node holds no configuration yet. */
    public static GatewayProblem notReady() {
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "Gateway not ready",
                "This gateway node has not received its configuration yet; retry shortly.");
    }

    /** 404 {@code no_route}: no route matches the request. */
    public static GatewayProblem noRoute() {
        return new GatewayProblem(HttpStatus.NOT_FOUND, "no_route", "No route",
                "No route matches this request's host, method and path.");
    }

    /** 400 {@code invalid_path}: the path has no canonical form (see {@code CanonicalPath}). */
    public static GatewayProblem invalidPath() {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "invalid_path", "Invalid path",
                "The request path has no single meaning: a ';', an encoded '/', '\\' or control character, invalid"
                        + " UTF-8, malformed percent-encoding, a '..' above the root or a character not allowed in"
                        + " a URL path.");
    }

    /** 400 {@code ambiguous_request}: two Host headers, or a request target whose authority is not the Host. */
    public static GatewayProblem ambiguousRequest() {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "ambiguous_request", "Ambiguous request",
                "The request names its host more than once (two Host headers, or an absolute request target whose"
                        + " authority differs from the Host header).");
    }

    /** 400 {@code ambiguous_credentials}: the same credential presented more than once, or in two places. */
    public static GatewayProblem ambiguousCredentials() {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "ambiguous_credentials", "Ambiguous credentials",
                "The request presents its credentials more than once; send exactly one.");
    }

    /** 413 {@code request_too_large}: the request body is longer than the {@code max} bytes the route accepts. */
    public static GatewayProblem requestTooLarge(long max) {
        return new GatewayProblem(HttpStatus.CONTENT_TOO_LARGE, "request_too_large", "Request too large",
                "The request body is larger than the " + max + " bytes this route accepts.");
    }

    /**
     * 502 {@code target_forbidden}: the chosen upstream address is one the node never connects to (cloud metadata,
     * link-local, its own ports...; see {@code docs/security/upstream-targets.md}).
     */
    public static GatewayProblem targetForbidden() {
        return new GatewayProblem(HttpStatus.BAD_GATEWAY, TARGET_FORBIDDEN, "Upstream target forbidden",
                "The upstream address of this route is one the gateway never connects to.");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Headers the response carries besides the problem body's own. */
    public HttpHeaders headers() {
        return headers;
    }

    /** Extension members of the problem body, by name; usually none. */
    public Map<String, String> extensions() {
        return extensions;
    }
}
