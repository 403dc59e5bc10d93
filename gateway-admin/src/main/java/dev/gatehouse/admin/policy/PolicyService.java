package dev.gatehouse.admin.policy;

import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.PublishedConfigSource;
import dev.gatehouse.admin.route.RoutePolicies;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.EffectivePolicy;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.PolicyType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policies: the one entry point for reading and changing them. Like every published kind, a change takes the
 * configuration lock first, validates (the contract's rules, that the scope's target exists, and that no other
 * enabled policy of the same type is attached to the same target), writes and publishes in one transaction; a
 * refused request changes nothing.
 */
@Service
public class PolicyService implements PublishedConfigSource, RoutePolicies {

    private static final String SCOPES = Arrays.stream(PolicyScope.values()).map(PolicyScope::value)
            .collect(Collectors.joining(", "));
    private static final String TYPES = PolicyType.names();

    private final PolicyRepository repository;
    private final ConfigPublisher publisher;
    private final ConfigValidator validator;
    private final ConfigJson json;
    private final PolicyConfigReader reader;
    private final UpstreamService services;
    private final RouteService routes;
    private final ConsumerService consumers;
    private final PlanService plans;
    private final Clock clock;

    PolicyService(PolicyRepository repository, ConfigPublisher publisher, ConfigValidator validator,
                  ConfigJson json, PolicyConfigReader reader, UpstreamService services, RouteService routes,
                  ConsumerService consumers, PlanService plans, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.validator = validator;
        this.json = json;
        this.reader = reader;
        this.services = services;
        this.routes = routes;
        this.consumers = consumers;
        this.plans = plans;
        this.clock = clock;
    }

    /** Policies by name, optionally only of one scope and/or type (their JSON forms, such as {@code rate-limit}). */
    @Transactional(readOnly = true)
    public List<PolicyView> list(String scope, String type) {
        List<Violation> bad = new ArrayList<>();
        PolicyScope wantedScope = blank(scope) ? null : scope(scope.trim(), "scope", bad);
        PolicyType wantedType = blank(type) ? null : PolicyType.of(type.trim());
        if (!blank(type) && wantedType == null) {
            bad.add(new Violation("type", "must be one of " + TYPES));
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
        Names names = new Names(false);
        List<PolicyView> out = new ArrayList<>();
        for (StoredPolicy stored : repository.findAllByOrderByNameAsc()) {
            PolicySpec spec = stored.toSpec(json);
            if ((wantedScope == null || spec.scope() == wantedScope) && (wantedType == null || spec.type() == wantedType)) {
                out.add(view(spec, stored, names));
            }
        }
        return out;
    }

    /** The policy with this id or name, or {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public PolicyView get(String idOrName) {
        StoredPolicy stored = require(idOrName);
        return view(stored.toSpec(json), stored, new Names(true));
    }

    @Override
    public EntityKind kind() {
        return EntityKind.POLICY;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PolicySpec> currentEntities() {
        return specs();
    }

    /** Creates a policy; 400 with the field at fault when it is invalid, 409 {@code duplicate_name}. */
    @Transactional
    public PolicyView create(PolicyRequest request) {
        ConfigWrite write = publisher.begin();
        PolicySpec spec = validated(UUID.randomUUID().toString(), request, request.name());
        requireFreeName(spec);
        Instant now = now();
        StoredPolicy stored = repository.save(StoredPolicy.create(spec, json, now));
        publisher.publish(write.upsert(null, spec));
        return view(spec, stored, new Names(true));
    }

    /** As {@link #update(String, PolicyRequest, IfMatch)} with no condition. */
    @Transactional
    public PolicyView update(String idOrName, PolicyRequest request) {
        return update(idOrName, request, IfMatch.NONE);
    }

    /**
     * Replaces a policy (its id stays); an absent name keeps the current one.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public PolicyView update(String idOrName, PolicyRequest request, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredPolicy stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        PolicySpec before = stored.toSpec(json);
        PolicySpec spec = validated(before.id(), request, request.name() != null ? request.name() : before.name());
        requireFreeName(spec);
        stored.apply(spec, json, now());
        publisher.publish(write.upsert(before, spec));
        return view(spec, stored, new Names(true));
    }

    /** As {@link #delete(String, IfMatch)} with no condition. */
    @Transactional
    public void delete(String idOrName) {
        delete(idOrName, IfMatch.NONE);
    }

    /**
     * Deletes a policy.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void delete(String idOrName, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredPolicy stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        PolicySpec before = stored.toSpec(json);
        repository.delete(stored);
        publisher.publish(write.delete(before));
    }

    /**
     * The winning policy of each type for calls of the route (by the consumer, when given), resolved with the
     * nodes' own {@link PolicyResolver} over the stored (which is the published) configuration.
     */
    @Transactional(readOnly = true)
    public EffectivePoliciesView effective(String route, String consumer) {
        RouteSpec routeSpec = routes.findSpec(route).orElseThrow(() -> new NotFoundException("no route '" + route + "'"));
        ConsumerSpec consumerSpec = blank(consumer) ? null : consumers.findSpec(consumer.trim())
                .orElseThrow(() -> new NotFoundException("no consumer '" + consumer + "'"));
        List<EffectivePoliciesView.Entry> entries = resolve(routeSpec, consumerSpec).stream()
                .map(e -> new EffectivePoliciesView.Entry(e.type().value(), e.scope().value(), e.policyId(), e.name(),
                        e.fromPlan(), e.config()))
                .toList();
        return new EffectivePoliciesView(routeSpec.name(), routeSpec.id(),
                consumerSpec == null ? null : consumerSpec.name(), entries);
    }

    @Override
    @Transactional(readOnly = true)
    public List<EffectivePolicy> effectiveFor(String routeId) {
        return routes.findSpec(routeId).map(route -> resolve(route, null)).orElse(List.of());
    }

    private List<EffectivePolicy> resolve(RouteSpec route, ConsumerSpec consumer) {
        Map<String, PlanSpec> planSpecs = new HashMap<>();
        plans.currentEntities().forEach(p -> planSpecs.put(p.id(), p));
        PolicyResolver resolver = new PolicyResolver(specs(), planSpecs);
        return resolver.forCall(route, consumer).values().stream()
                .sorted(Comparator.comparing(EffectivePolicy::type)).toList();
    }

    private List<PolicySpec> specs() {
        return repository.findAllByOrderByNameAsc().stream().map(p -> p.toSpec(json)).toList();
    }

    /** A policy's content, checked: every problem is reported at once, named as the request names it. */
    private PolicySpec validated(String id, PolicyRequest request, String name) {
        List<Violation> out = new ArrayList<>();
        PolicyConfig config = reader.read(request.config(), out);
        PolicyScope scope = blank(request.scope()) ? null : scope(request.scope().trim(), "scope", out);
        Set<String> unresolved = new HashSet<>();
        String serviceId = target("service", request.service(), services::find, ServiceView::id, out, unresolved);
        String routeId = target("route", request.route(), routes::findSpec, RouteSpec::id, out, unresolved);
        String consumerId = target("consumer", request.consumer(), c -> consumers.findSpec(c), ConsumerSpec::id,
                out, unresolved);
        String planId = target("plan", request.plan(), plans::find, PlanView::id, out, unresolved);
        PolicySpec spec = new PolicySpec(id, name, request.enabled() == null || request.enabled(), scope,
                serviceId, routeId, consumerId, planId, config);
        boolean configReported = out.stream().anyMatch(v -> v.field().startsWith("config"));
        for (Violation v : validator.validate(spec)) {
            String field = requestField(v.field());
            if (unresolved.contains(field) || configReported && field.startsWith("config")
                    || "scope".equals(field) && scope == null && !blank(request.scope())) {
                continue;
            }
            out.add(new Violation(field, v.message()));
        }
        if (out.isEmpty() && spec.enabled()) {
            conflict(spec, out);
        }
        if (!out.isEmpty()) {
            throw new InvalidInputException(out);
        }
        return spec;
    }

    /** Refuses a second enabled policy of one type on one target: nodes could not tell which one to apply. */
    private void conflict(PolicySpec spec, List<Violation> out) {
        String target = PolicyResolver.targetOf(spec);
        for (PolicySpec other : conflictCandidates(spec)) {
            if (other.enabled() && !other.id().equals(spec.id()) && other.type() == spec.type()
                    && PolicyResolver.targetOf(other).equals(target)) {
                out.add(new Violation(targetField(spec.scope()), "policy '" + other.name() + "' is already the enabled "
                        + spec.type().value() + " policy here; edit or disable it instead"));
                return;
            }
        }
    }

    /**
     * The enabled policies of the spec's type on its target's column, read from the database rather than every
     * policy parsed: an import of a thousand policies checks each against a handful, not against all the others.
     */
    private List<PolicySpec> conflictCandidates(PolicySpec spec) {
        String type = spec.type().value();
        List<StoredPolicy> candidates = switch (spec.scope()) {
            case GLOBAL -> repository.findByEnabledTrueAndTypeAndScope(type, spec.scope().value());
            case SERVICE -> repository.findByEnabledTrueAndTypeAndServiceId(type, UUID.fromString(spec.serviceId()));
            case ROUTE, ROUTE_CONSUMER -> repository.findByEnabledTrueAndTypeAndRouteId(type,
                    UUID.fromString(spec.routeId()));
            case CONSUMER -> repository.findByEnabledTrueAndTypeAndConsumerId(type,
                    UUID.fromString(spec.consumerId()));
            case PLAN -> repository.findByEnabledTrueAndTypeAndPlanId(type, UUID.fromString(spec.planId()));
        };
        return candidates.stream().map(p -> p.toSpec(json)).toList();
    }

    private static String targetField(PolicyScope scope) {
        return switch (scope) {
            case GLOBAL -> "scope";
            case SERVICE -> "service";
            case ROUTE, ROUTE_CONSUMER -> "route";
            case CONSUMER -> "consumer";
            case PLAN -> "plan";
        };
    }

    private static <T> String target(String field, String value, Function<String, Optional<T>> find,
                                     Function<T, String> id, List<Violation> out, Set<String> unresolved) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            // Blank means "not set" for the console's empty selects; the scope check reports if it was needed.
            return null;
        }
        Optional<T> found = find.apply(value.trim());
        if (found.isEmpty()) {
            out.add(new Violation(field, "names no existing " + field + ": '" + value + "'"));
            unresolved.add(field);
            return null;
        }
        return id.apply(found.get());
    }

    /** The request's name for a field the contract's validator reports. */
    private static String requestField(String field) {
        return switch (field) {
            case "serviceId" -> "service";
            case "routeId" -> "route";
            case "consumerId" -> "consumer";
            case "planId" -> "plan";
            default -> field;
        };
    }

    static PolicyScope scope(String value, String field, List<Violation> out) {
        for (PolicyScope scope : PolicyScope.values()) {
            if (scope.value().equals(value)) {
                return scope;
            }
        }
        out.add(new Violation(field, "must be one of " + SCOPES));
        return null;
    }

    private void requireFreeName(PolicySpec spec) {
        if (repository.existsByNameAndIdNot(spec.name(), UUID.fromString(spec.id()))) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME,
                    "a policy named '" + spec.name() + "' already exists");
        }
    }

    private StoredPolicy require(String idOrName) {
        return Ids.lookup(idOrName, repository::findById, repository::findByName)
                .orElseThrow(() -> new NotFoundException("no policy '" + idOrName + "'"));
    }

    private PolicyView view(PolicySpec spec, StoredPolicy stored, Names names) {
        return new PolicyView(spec.id(), spec.name(), spec.enabled(), spec.scope().value(), spec.type().value(),
                names.service(spec.serviceId()), names.route(spec.routeId()), names.consumer(spec.consumerId()),
                names.plan(spec.planId()), spec.serviceId(), spec.routeId(), spec.consumerId(), spec.planId(),
                spec.config(), stored.createdAt(), stored.updatedAt(), stored.version());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Names of targets, looked up once per request: all of a kind at once for a list, or just the one for a
     * single policy (a declarative import creates a thousand policies, each shown once; loading every route's name
     * for each was most of its time).
     */
    private final class Names {

        private final boolean one;
        private Map<String, String> services;
        private Map<String, String> routes;
        private Map<String, String> plans;
        private final Map<String, String> consumers = new HashMap<>();

        Names(boolean one) {
            this.one = one;
        }

        String service(String id) {
            if (id == null) {
                return null;
            }
            if (one) {
                return PolicyService.this.services.find(id).map(ServiceView::name).orElse(id);
            }
            if (services == null) {
                services = PolicyService.this.services.namesById();
            }
            return services.getOrDefault(id, id);
        }

        String route(String id) {
            if (id == null) {
                return null;
            }
            if (one) {
                return PolicyService.this.routes.findSpec(id).map(RouteSpec::name).orElse(id);
            }
            if (routes == null) {
                routes = PolicyService.this.routes.namesById();
            }
            return routes.getOrDefault(id, id);
        }

        String plan(String id) {
            if (id == null) {
                return null;
            }
            if (plans == null) {
                plans = PolicyService.this.plans.namesById();
            }
            return plans.getOrDefault(id, id);
        }

        String consumer(String id) {
            if (id == null) {
                return null;
            }
            return consumers.computeIfAbsent(id, c -> PolicyService.this.consumers.findSpec(c)
                    .map(ConsumerSpec::name).orElse(c));
        }
    }
}
