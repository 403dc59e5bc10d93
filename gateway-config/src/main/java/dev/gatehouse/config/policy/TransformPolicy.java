package dev.gatehouse.config.policy;

import static dev.gatehouse.config.policy.PolicyScope.CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.GLOBAL;
import static dev.gatehouse.config.policy.PolicyScope.PLAN;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE;
import static dev.gatehouse.config.policy.PolicyScope.ROUTE_CONSUMER;
import static dev.gatehouse.config.policy.PolicyScope.SERVICE;

import dev.gatehouse.config.Violations;

/**
 * Changes to requests on their way to the upstream and to responses on their way back.
 *
 * @param request     request header changes
 * @param response    response header changes
 * @param pathRewrite path rewrite, or {@code null}
 */
@PolicyKind(name = "transform", scopes = {GLOBAL, PLAN, CONSUMER, SERVICE, ROUTE, ROUTE_CONSUMER})
public record TransformPolicy(HeaderTransform request, HeaderTransform response, PathRewrite pathRewrite)
        implements PolicyConfig {

    public TransformPolicy {
        request = request == null ? HeaderTransform.NONE : request;
        response = response == null ? HeaderTransform.NONE : response;
    }

    @Override
    public void validate(Violations violations) {
        if (request.isEmpty() && response.isEmpty() && pathRewrite == null) {
            violations.add("request", "change at least one header or rewrite the path");
        }
        request.validate(violations.at("request"));
        response.validate(violations.at("response"));
        if (pathRewrite != null) {
            pathRewrite.validate(violations.at("pathRewrite"));
        }
    }
}
