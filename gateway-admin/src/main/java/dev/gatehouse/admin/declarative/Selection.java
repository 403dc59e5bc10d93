package dev.gatehouse.admin.declarative;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A part of the configuration chosen by route tag and/or service, for a partial export and for what a partial
 * import's prune may delete: the routes carrying the tag (and calling the service, when both are given), the
 * services those routes call (and the named service itself), and the policies attached to any of those routes or
 * services. Plans, consumers, and policies attached to them or to every call belong to no selection: only a whole
 * export holds them.
 *
 * @param tag     a route tag, or null
 * @param service a service name, or null
 */
record Selection(String tag, String service) {

    static final Selection ALL = new Selection(null, null);

    Selection {
        tag = tag == null || tag.isBlank() ? null : tag.trim();
        service = service == null || service.isBlank() ? null : service.trim();
    }

    /** Whether this selects the whole configuration. */
    boolean all() {
        return tag == null && service == null;
    }

    /** The kinds a selection can hold. */
    List<DocumentKind> kinds() {
        return all() ? List.of(DocumentKind.values())
                : List.of(DocumentKind.SERVICES, DocumentKind.POLICIES, DocumentKind.ROUTES);
    }

    /** Whether the object belongs to this selection of {@code configuration}. */
    java.util.function.Predicate<DocObject> in(Configuration configuration) {
        if (all()) {
            return object -> true;
        }
        Set<String> routes = new HashSet<>();
        Set<String> services = new HashSet<>();
        if (service != null) {
            services.add(service);
        }
        for (DocObject route : configuration.all(DocumentKind.ROUTES)) {
            Set<String> called = calledServices(route.form());
            if ((tag == null || contains(route.form().get("tags"), tag))
                    && (service == null || called.contains(service))) {
                routes.add(route.name());
                services.addAll(called);
            }
        }
        return object -> switch (object.kind()) {
            case ROUTES -> routes.contains(object.name());
            case SERVICES -> services.contains(object.name());
            case POLICIES -> routes.contains(text(object.form().get("route")))
                    || services.contains(text(object.form().get("service")));
            default -> false;
        };
    }

    /** The services a route form calls: its service, or its composite steps' services. */
    static Set<String> calledServices(JsonNode route) {
        Set<String> out = new HashSet<>();
        if (route.hasNonNull("service")) {
            out.add(route.get("service").asString());
        }
        JsonNode steps = route.path("composite").path("steps");
        for (JsonNode step : steps) {
            if (step.hasNonNull("service")) {
                out.add(step.get("service").asString());
            }
        }
        return out;
    }

    private static boolean contains(JsonNode list, String value) {
        if (list != null) {
            for (JsonNode element : list) {
                if (value.equals(element.asString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
