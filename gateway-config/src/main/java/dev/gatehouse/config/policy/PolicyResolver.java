package dev.gatehouse.config.policy;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which policy of each type applies to a call: the enabled one attached to the most specific scope wins,
 * in the order route+consumer, route, service, consumer, plan, global ({@link PolicyScope#specificity()}).
 * A plan's own rate limits rank as a plan-scoped rate-limit policy; an explicit rate-limit policy attached to the
 * same plan replaces them. Two enabled policies of one type on the same target (which the admin refuses) are
 * broken by name, so every node decides the same way.
 *
 * <p>Built once per configuration; lookups do no allocation beyond the result map.
 */
public final class PolicyResolver {

    private static final Comparator<PolicySpec> BY_NAME = Comparator.comparing(PolicySpec::name);
    private static final PolicyType RATE_LIMIT = PolicyType.of(RateLimitPolicy.class);

    private final Map<String, Map<PolicyType, EffectivePolicy>> byTarget = new HashMap<>();
    private final Map<String, PlanSpec> plans;
    /** Types filed under any consumer or plan target: they may apply to a call of any route. */
    private final Set<PolicyType> consumerWide = new HashSet<>();
    /** Route id to the types of its route+consumer policies. */
    private final Map<String, Set<PolicyType>> routeConsumer = new HashMap<>();
    private final boolean quotas;

    public PolicyResolver(Collection<PolicySpec> policies, Map<String, PlanSpec> plans) {
        this.plans = Map.copyOf(plans);
        policies.stream().filter(p -> p.enabled() && p.config() != null && p.scope() != null).sorted(BY_NAME)
                .forEach(p -> byTarget.computeIfAbsent(target(p), t -> new HashMap<>())
                        .putIfAbsent(p.type(), new EffectivePolicy(p.type(), p.scope(), p.id(), p.name(), false,
                                p.config())));
        for (PlanSpec plan : plans.values()) {
            if (!plan.rateLimits().isEmpty()) {
                byTarget.computeIfAbsent(target(PolicyScope.PLAN, plan.id()), t -> new HashMap<>())
                        .putIfAbsent(RATE_LIMIT, new EffectivePolicy(RATE_LIMIT,
                                PolicyScope.PLAN, plan.id(), plan.name(), true,
                                new RateLimitPolicy(plan.rateLimits(), RateLimitKey.CONSUMER, null)));
            }
        }
        policies.stream().filter(p -> p.enabled() && p.config() != null && p.scope() != null).forEach(p -> {
            switch (p.scope()) {
                case CONSUMER, PLAN -> consumerWide.add(p.type());
                case ROUTE_CONSUMER -> routeConsumer.computeIfAbsent(p.routeId(),
                        id -> new HashSet<>()).add(p.type());
                default -> {
                }
            }
        });
        if (plans.values().stream().anyMatch(plan -> !plan.rateLimits().isEmpty())) {
            consumerWide.add(RATE_LIMIT);
        }
        this.quotas = plans.values().stream().anyMatch(plan -> !plan.quotas().isEmpty());
    }

    /**
     * Every policy type that may apply to some call of {@code route}, whoever makes it: its route, service and
     * global policies, its route+consumer policies and every type attached to any consumer or plan. A superset of
     * {@link #forCall} for every consumer; a node skips the work of the types not in it.
     */
    public Set<PolicyType> possibleTypes(RouteSpec route) {
        Set<PolicyType> types = new HashSet<>(consumerWide);
        addTypes(types, target(PolicyScope.ROUTE, route.id()));
        addTypes(types, target(PolicyScope.SERVICE, route.serviceId()));
        addTypes(types, target(PolicyScope.GLOBAL, ""));
        Set<PolicyType> perConsumer = routeConsumer.get(route.id());
        if (perConsumer != null) {
            types.addAll(perConsumer);
        }
        return types;
    }

    /**
     * True when who calls may change which policy of {@code type} applies to a call of {@code route}: a policy of
     * the type is attached to a consumer or plan, or to a consumer on this route.
     */
    public boolean dependsOnConsumer(RouteSpec route, PolicyType type) {
        Set<PolicyType> perConsumer = routeConsumer.get(route.id());
        return consumerWide.contains(type) || perConsumer != null && perConsumer.contains(type);
    }

    /** True when some plan has a quota (then any authenticated call may be counted against one). */
    public boolean hasQuotas() {
        return quotas;
    }

    private void addTypes(Set<PolicyType> types, String target) {
        Map<PolicyType, EffectivePolicy> found = byTarget.get(target);
        if (found != null) {
            types.addAll(found.keySet());
        }
    }

    /**
     * The policies that apply to every call of a route, whoever makes it: route, service and global scopes.
     * This is what runs before authentication.
     */
    public Map<PolicyType, EffectivePolicy> forRoute(RouteSpec route) {
        return forCall(route, null);
    }

    /** The policies that apply to a call of {@code route} by {@code consumer} (null when anonymous). */
    public Map<PolicyType, EffectivePolicy> forCall(RouteSpec route, ConsumerSpec consumer) {
        Map<PolicyType, EffectivePolicy> out = new HashMap<>();
        if (consumer != null) {
            merge(out, target(PolicyScope.ROUTE_CONSUMER, route.id() + "/" + consumer.id()));
        }
        merge(out, target(PolicyScope.ROUTE, route.id()));
        merge(out, target(PolicyScope.SERVICE, route.serviceId()));
        if (consumer != null) {
            merge(out, target(PolicyScope.CONSUMER, consumer.id()));
            if (consumer.planId() != null) {
                merge(out, target(PolicyScope.PLAN, consumer.planId()));
            }
        }
        merge(out, target(PolicyScope.GLOBAL, ""));
        return out;
    }

    /**
     * The policies that apply to calls sent to a service on behalf of a route that has no service of its own (a
     * composite route's steps): the service's, then the global ones.
     */
    public Map<PolicyType, EffectivePolicy> forService(String serviceId) {
        Map<PolicyType, EffectivePolicy> out = new HashMap<>();
        merge(out, target(PolicyScope.SERVICE, serviceId));
        merge(out, target(PolicyScope.GLOBAL, ""));
        return out;
    }

    /** The quotas of the consumer's plan; empty for anonymous callers and consumers without a plan. */
    public List<Quota> quotas(ConsumerSpec consumer) {
        if (consumer == null || consumer.planId() == null) {
            return List.of();
        }
        PlanSpec plan = plans.get(consumer.planId());
        return plan == null ? List.of() : plan.quotas();
    }

    private void merge(Map<PolicyType, EffectivePolicy> out, String target) {
        Map<PolicyType, EffectivePolicy> found = byTarget.get(target);
        if (found != null) {
            found.forEach(out::putIfAbsent);
        }
    }

    private static String target(PolicySpec p) {
        return switch (p.scope()) {
            case GLOBAL -> target(PolicyScope.GLOBAL, "");
            case SERVICE -> target(PolicyScope.SERVICE, p.serviceId());
            case ROUTE -> target(PolicyScope.ROUTE, p.routeId());
            case CONSUMER -> target(PolicyScope.CONSUMER, p.consumerId());
            case PLAN -> target(PolicyScope.PLAN, p.planId());
            case ROUTE_CONSUMER -> target(PolicyScope.ROUTE_CONSUMER, p.routeId() + "/" + p.consumerId());
        };
    }

    /** The key one policy target is filed under; two policies with equal keys and type conflict. */
    public static String target(PolicyScope scope, String id) {
        return scope.value() + ":" + id;
    }

    /** The target key of a policy, for finding conflicting policies. */
    public static String targetOf(PolicySpec policy) {
        return target(policy);
    }
}
