package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.consumer.ConsumerQuery;
import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.plan.PlanRequest;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.policy.PolicyRequest;
import dev.gatehouse.admin.policy.PolicyService;
import dev.gatehouse.admin.route.RouteRequestMapper;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.upstream.BalancingFields;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.upstream.Balancing;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes configuration objects in document form: each exactly the request its API takes (what a PUT would need
 * to describe it), references by name, fields in the request record's order, null fields left out. Built from
 * the contract's specs, so the current configuration (export, import) and a past one (rollback, from the
 * history's contract JSON) take the same form and compare field by field.
 */
@Component
class DocumentForms {

    private final UpstreamService services;
    private final PlanService plans;
    private final PolicyService policies;
    private final RouteService routes;
    private final ConsumerService consumers;
    private final JsonMapper mapper;

    DocumentForms(UpstreamService services, PlanService plans, PolicyService policies, RouteService routes,
                  ConsumerService consumers, JsonMapper mapper) {
        this.services = services;
        this.plans = plans;
        this.policies = policies;
        this.routes = routes;
        this.consumers = consumers;
        this.mapper = mapper;
    }

    /** Names objects by id; an unknown id is shown as itself. */
    interface Names {
        String name(EntityKind kind, String id);
    }

    /** The current configuration, secrets in clear, as seen by the caller's transaction. */
    @Transactional(readOnly = true)
    Configuration current() {
        Configuration out = new Configuration();
        List<ServiceSpec> serviceSpecs = services.specs();
        List<RouteSpec> routeSpecs = routes.specs();
        List<PlanView> planViews = plans.list();
        List<ConsumerView> consumerViews = consumers.list(ConsumerQuery.ALL);
        Map<String, String> names = new HashMap<>();
        serviceSpecs.forEach(s -> names.put(s.id(), s.name()));
        routeSpecs.forEach(r -> names.put(r.id(), r.name()));
        planViews.forEach(p -> names.put(p.id(), p.name()));
        consumerViews.forEach(c -> names.put(c.id(), c.name()));
        Names byId = (kind, id) -> names.getOrDefault(id, id);
        serviceSpecs.forEach(s -> out.add(new DocObject(DocumentKind.SERVICES, s.id(), s.name(), service(s))));
        Map<String, PlanView> planById = new HashMap<>();
        planViews.forEach(p -> planById.put(p.id(), p));
        for (PlanSpec spec : plans.currentEntities()) {
            PlanView view = planById.get(spec.id());
            out.add(new DocObject(DocumentKind.PLANS, spec.id(), spec.name(),
                    plan(spec, view == null ? null : view.description())));
        }
        routeSpecs.forEach(r -> out.add(new DocObject(DocumentKind.ROUTES, r.id(), r.name(), route(r, byId))));
        Map<String, ConsumerView> consumerById = new HashMap<>();
        consumerViews.forEach(c -> consumerById.put(c.id(), c));
        for (ConsumerSpec spec : consumers.currentEntities()) {
            ConsumerView view = consumerById.get(spec.id());
            out.add(new DocObject(DocumentKind.CONSUMERS, spec.id(), spec.name(), consumer(spec,
                    view == null ? null : view.description(), view == null ? null : view.tags(), byId)));
        }
        for (PolicySpec spec : policies.currentEntities()) {
            out.add(new DocObject(DocumentKind.POLICIES, spec.id(), spec.name(), policy(spec, byId)));
        }
        return out;
    }

    ObjectNode service(ServiceSpec spec) {
        return form(new ServiceRequest(spec.name(),
                spec.targets().stream().map(t -> new TargetRequest(t.host(), t.port(), t.weight())).toList(),
                spec.protocol().scheme(), spec.basePath(), spec.connectTimeoutMs(), spec.responseTimeoutMs(),
                // round robin, the default, is left out like every other absent field
                Balancing.ROUND_ROBIN.equals(spec.balancing()) ? null : BalancingFields.of(spec.balancing())));
    }

    /** A plan; {@code description} is not part of the contract, so it is passed in (null leaves it out). */
    ObjectNode plan(PlanSpec spec, String description) {
        return form(new PlanRequest(spec.name(), description, spec.rateLimits(), spec.quotas()));
    }

    ObjectNode policy(PolicySpec spec, Names names) {
        return form(new PolicyRequest(spec.name(), spec.enabled(), spec.scope().value(),
                name(names, EntityKind.SERVICE, spec.serviceId()), name(names, EntityKind.ROUTE, spec.routeId()),
                name(names, EntityKind.CONSUMER, spec.consumerId()), name(names, EntityKind.PLAN, spec.planId()),
                spec.config() == null ? null : mapper.valueToTree(spec.config())));
    }

    ObjectNode route(RouteSpec spec, Names names) {
        return form(RouteRequestMapper.toRequest(spec, id -> names.name(EntityKind.SERVICE, id)));
    }

    /** A consumer; its description and tags are not part of the contract, so they are passed in. */
    ObjectNode consumer(ConsumerSpec spec, String description, List<String> tags, Names names) {
        return form(new ConsumerRequest(spec.name(), description, spec.status().name().toLowerCase(Locale.ROOT),
                spec.groups(), name(names, EntityKind.PLAN, spec.planId()), tags));
    }

    private static String name(Names names, EntityKind kind, String id) {
        return id == null ? null : names.name(kind, id);
    }

    /** The request as a tree: its fields in the record's order, null fields (at any depth) left out. */
    ObjectNode form(Record request) {
        JsonNode tree = mapper.valueToTree(request);
        ObjectNode out = mapper.createObjectNode();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            JsonNode value = tree.get(component.getName());
            if (value != null && !value.isNull()) {
                out.set(component.getName(), withoutNulls(value));
            }
        }
        return out;
    }

    /** A copy of the tree without null members or elements. */
    static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            for (JsonNode element : array) {
                if (!element.isNull()) {
                    copy.add(withoutNulls(element));
                }
            }
            return copy;
        }
        return node;
    }
}
