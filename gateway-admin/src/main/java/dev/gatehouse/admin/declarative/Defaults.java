package dev.gatehouse.admin.declarative;

import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a document object say everything: where an API update would keep a current value for an absent field (a
 * route's auth, groups, tags and key settings; a plan's limits), a document means the default, as on creation.
 * A file is the whole truth about the objects it lists, so leaving {@code tags} out of a route clears its tags.
 */
final class Defaults {

    private Defaults() {
    }

    static ObjectNode complete(DocumentKind kind, ObjectNode form) {
        ObjectNode out = form.deepCopy();
        switch (kind) {
            case ROUTES -> {
                if (!out.has("auth")) {
                    out.put("auth", "key");
                }
                if (!out.has("allowedGroups")) {
                    out.putArray("allowedGroups");
                }
                if (!out.has("tags")) {
                    out.putArray("tags");
                }
                if (!out.has("keyAuth")) {
                    out.putObject("keyAuth");
                }
            }
            case PLANS -> {
                if (!out.has("rateLimits")) {
                    out.putArray("rateLimits");
                }
                if (!out.has("quotas")) {
                    out.putArray("quotas");
                }
            }
            default -> {
            }
        }
        return out;
    }
}
