package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import org.springframework.stereotype.Component;

/**
 * Writes document objects through their features' own services, so that an import or a rollback is checked
 * exactly like the same edits made one by one through the API (validation, references, uniqueness, objects in
 * use).
 */
@Component
class FeatureWriter {

    private final UpstreamService services;
    private final PlanService plans;
    private final PolicyService policies;
    private final RouteService routes;
    private final ConsumerService consumers;

    FeatureWriter(UpstreamService services, PlanService plans, PolicyService policies, RouteService routes,
                  ConsumerService consumers) {
        this.services = services;
        this.plans = plans;
        this.policies = policies;
        this.routes = routes;
        this.consumers = consumers;
    }

    void create(DocumentKind kind, Record request) {
        switch (kind) {
            case SERVICES -> services.create((ServiceRequest) request);
            case PLANS -> plans.create((PlanRequest) request);
            case POLICIES -> policies.create((PolicyRequest) request);
            case ROUTES -> routes.create((RouteRequest) request);
            case CONSUMERS -> consumers.create((ConsumerRequest) request);
        }
    }

    /** Replaces the object with this id by the request. */
    void update(DocumentKind kind, String id, Record request) {
        switch (kind) {
            case SERVICES -> services.update(id, (ServiceRequest) request);
            case PLANS -> plans.update(id, (PlanRequest) request);
            case POLICIES -> policies.update(id, (PolicyRequest) request);
            case ROUTES -> routes.update(id, (RouteRequest) request);
            case CONSUMERS -> consumers.update(id, (ConsumerRequest) request);
        }
    }

    void delete(DocumentKind kind, String id) {
        switch (kind) {
            case SERVICES -> services.delete(id);
            case PLANS -> plans.delete(id);
            case POLICIES -> policies.delete(id);
            case ROUTES -> routes.delete(id);
            case CONSUMERS -> consumers.delete(id);
        }
    }
}
