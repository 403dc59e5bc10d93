package dev.gatehouse.config.policy;

/**
 * Changes to requests on their way to the upstream and to responses on their way back.
 *
 * @param request     request header changes
 * @param response    response header changes
 * @param pathRewrite path rewrite, or {@code null}
 */
public record TransformPolicy(HeaderTransform request, HeaderTransform response, PathRewrite pathRewrite)
        implements PolicyConfig {

    public TransformPolicy {
        request = request == null ? HeaderTransform.NONE : request;
        response = response == null ? HeaderTransform.NONE : response;
    }

    @Override
    public PolicyType type() {
        return PolicyType.TRANSFORM;
    }
}
