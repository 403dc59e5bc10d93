package dev.gatehouse.runtime.policy.transform;

import dev.gatehouse.config.policy.TransformPolicy;

/**
 * A {@link TransformPolicy} compiled once per route (and consumer) and configuration.
 *
 * @param request  request header changes, or null
 * @param response response header changes, or null
 * @param path     path rewrite, or null
 */
record CompiledTransform(HeaderOps request, HeaderOps response, PathTemplate path) {

    static CompiledTransform compile(TransformPolicy policy) {
        return new CompiledTransform(HeaderOps.of(policy.request()), HeaderOps.of(policy.response()),
                policy.pathRewrite() == null ? null : PathTemplate.compile(policy.pathRewrite()));
    }
}
