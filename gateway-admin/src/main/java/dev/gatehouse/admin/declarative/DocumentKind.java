package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.config.EntityKind;
import java.util.List;

/**
 * The kinds of objects a configuration document holds, in the document's order; each is written as the request
 * record its API takes.
 */
enum DocumentKind {

    SERVICES("services", EntityKind.SERVICE, ServiceRequest.class),
    PLANS("plans", EntityKind.PLAN, PlanRequest.class),
    POLICIES("policies", EntityKind.POLICY, PolicyRequest.class),
    ROUTES("routes", EntityKind.ROUTE, RouteRequest.class),
    CONSUMERS("consumers", EntityKind.CONSUMER, ConsumerRequest.class);

    /**
     * The order creations and updates are applied in: an object after everything it may refer to (policies name
     * routes and consumers). Deletions go the other way.
     */
    static final List<DocumentKind> APPLY_ORDER = List.of(SERVICES, PLANS, ROUTES, CONSUMERS, POLICIES);

    private final String key;
    private final EntityKind entityKind;
    private final Class<? extends Record> requestType;

    DocumentKind(String key, EntityKind entityKind, Class<? extends Record> requestType) {
        this.key = key;
        this.entityKind = entityKind;
        this.requestType = requestType;
    }

    /** The document's key for the list of these objects. */
    String key() {
        return key;
    }

    /** The contract's kind, lower case as the change answers name it ({@code route}). */
    String singular() {
        return entityKind.name().toLowerCase(java.util.Locale.ROOT);
    }

    EntityKind entityKind() {
        return entityKind;
    }

    /** The API request record an object of this kind is written as. */
    Class<? extends Record> requestType() {
        return requestType;
    }

    /** The document kind of a contract kind, or null for kinds a document never holds (keys, settings). */
    static DocumentKind of(EntityKind kind) {
        for (DocumentKind k : values()) {
            if (k.entityKind == kind) {
                return k;
            }
        }
        return null;
    }

    /** The kind listed under this document key, or null. */
    static DocumentKind ofKey(String key) {
        for (DocumentKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
