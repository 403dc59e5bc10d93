package dev.gatehouse.runtime.error;

/**
 * The {@code application/problem+json} body (RFC 9457) of every error the gateway answers itself.
 *
 * @param type      URI naming the kind of problem, one per {@code code}
 * @param title     short summary of the kind of problem
 * @param status    HTTP status
 * @param detail    what happened to this request
 * @param code      stable snake_case code clients can branch on
 * @param requestId the request's {@code X-Request-Id}, to find it in logs
 */
public record Problem(String type, String title, int status, String detail, String code, String requestId) {

    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://gatehouse.dev/problems/";

    /** The problem for {@code error}, answered to the request with {@code requestId}. */
    public static Problem of(GatewayProblem error, String requestId) {
        return new Problem(TYPE_BASE + error.code(), error.title(), error.status().value(),
                error.detail(), error.code(), requestId);
    }

    /**
     * The body to write for {@code error}: this record, or, when the problem has extension members, the same
     * members in the same order followed by its extensions.
     */
    public static Object body(GatewayProblem error, String requestId) {
        Problem problem = of(error, requestId);
        if (error.extensions().isEmpty()) {
            return problem;
        }
        java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("type", problem.type());
        members.put("title", problem.title());
        members.put("status", problem.status());
        members.put("detail", problem.detail());
        members.put("code", problem.code());
        members.put("requestId", problem.requestId());
        error.extensions().forEach(members::putIfAbsent);
        return members;
    }
}
