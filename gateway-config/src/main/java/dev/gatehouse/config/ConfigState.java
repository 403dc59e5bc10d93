package dev.gatehouse.config;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A complete configuration at one revision, except API keys, indexed by id. Immutable: {@link #apply} returns a new
 * state, so a node can build the next configuration beside the live one and swap it in with one reference write.
 * Keys go through a {@link KeyChangeHandler}; the content hash of the whole configuration is {@code hash} plus the
 * handler's {@link KeyChangeHandler#keysHash()}.
 *
 * @param revision  the revision this state is at
 * @param hash      content hash of everything but keys, see {@link ConfigHash}
 * @param services  services by id
 * @param routes    routes by id
 * @param consumers consumers by id
 * @param plans     plans by id
 * @param settings  the cluster settings, or {@code null}
 * @param policies  policies by id
 * @param clusterId the cluster it belongs to, or {@code null} when unknown (see {@link ConfigSnapshot#clusterId()})
 * @param epoch     the cluster's restore epoch it was published in
 */
public record ConfigState(long revision, long hash, Map<String, ServiceSpec> services, Map<String, RouteSpec> routes,
                          Map<String, ConsumerSpec> consumers, Map<String, PlanSpec> plans,
                          ClusterSettingsSpec settings, Map<String, PolicySpec> policies, String clusterId,
                          long epoch) {

    public ConfigState {
        services = Map.copyOf(services);
        routes = Map.copyOf(routes);
        consumers = Map.copyOf(consumers);
        plans = Map.copyOf(plans);
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /** The state before anything has been published. */
    public static ConfigState empty() {
        return new ConfigState(0, ConfigHash.EMPTY, Map.of(), Map.of(), Map.of(), Map.of(), null, Map.of(), null, 0);
    }

    /** Builds a state from a snapshot without keys and checks the snapshot's hash against its content. */
    public static ConfigState fromSnapshot(ConfigSnapshot snapshot, ConfigHash hasher) {
        if (snapshot.keyCount() != 0) {
            throw new ConfigIntegrityException("snapshot announces " + snapshot.keyCount() + " keys");
        }
        return fromSnapshot(snapshot, hasher, ConfigHash.EMPTY);
    }

    /**
     * Builds a state from a snapshot whose keys the caller has collected, and checks the snapshot's hash.
     *
     * @param keysHash the sum of the digests of the snapshot's keys
     */
    public static ConfigState fromSnapshot(ConfigSnapshot snapshot, ConfigHash hasher, long keysHash) {
        long[] hash = {ConfigHash.EMPTY};
        Map<String, ServiceSpec> services = index(snapshot.services(), hasher, hash);
        Map<String, RouteSpec> routes = index(snapshot.routes(), hasher, hash);
        Map<String, ConsumerSpec> consumers = index(snapshot.consumers(), hasher, hash);
        Map<String, PlanSpec> plans = index(snapshot.plans(), hasher, hash);
        Map<String, PolicySpec> policies = index(snapshot.policies(), hasher, hash);
        if (snapshot.settings() != null) {
            hash[0] = hasher.update(hash[0], null, snapshot.settings());
        }
        requireHash(snapshot.hash(), hash[0] + keysHash, snapshot.revision());
        return new ConfigState(snapshot.revision(), hash[0], services, routes, consumers, plans, snapshot.settings(),
                policies, snapshot.clusterId(), snapshot.epoch());
    }

    /** Applies a change set without key changes made for exactly this revision and checks the resulting hash. */
    public ConfigState apply(ConfigChangeSet changeSet, ConfigHash hasher) {
        return apply(changeSet, hasher, KeyChangeHandler.NONE);
    }

    /**
     * Applies a change set made for exactly this revision, passing key changes to {@code keys}, and checks the
     * resulting hash of everything. On a hash mismatch the key handler has already taken the key changes, so the
     * caller must rebuild its keys from a snapshot.
     */
    public ConfigState apply(ConfigChangeSet changeSet, ConfigHash hasher, KeyChangeHandler keys) {
        if (changeSet.fromRevision() != revision) {
            throw new ConfigIntegrityException("change set starts at revision " + changeSet.fromRevision()
                    + " but this configuration is at " + revision);
        }
        Map<String, ServiceSpec> nextServices = new HashMap<>(services);
        Map<String, RouteSpec> nextRoutes = new HashMap<>(routes);
        Map<String, ConsumerSpec> nextConsumers = new HashMap<>(consumers);
        Map<String, PlanSpec> nextPlans = new HashMap<>(plans);
        Map<String, PolicySpec> nextPolicies = new HashMap<>(policies);
        ClusterSettingsSpec nextSettings = settings;
        long nextHash = hash;
        for (ConfigChange change : changeSet.changes()) {
            if (change.kind() == EntityKind.KEY) {
                keys.apply(change);
                continue;
            }
            ConfigEntity before = switch (change.kind()) {
                case SERVICE -> put(nextServices, change, ServiceSpec.class);
                case ROUTE -> put(nextRoutes, change, RouteSpec.class);
                case CONSUMER -> put(nextConsumers, change, ConsumerSpec.class);
                case PLAN -> put(nextPlans, change, PlanSpec.class);
                case POLICY -> put(nextPolicies, change, PolicySpec.class);
                case SETTINGS -> {
                    ClusterSettingsSpec old = nextSettings;
                    nextSettings = change.op() == ChangeOp.UPSERT ? (ClusterSettingsSpec) change.entity() : null;
                    yield old;
                }
                case KEY -> throw new IllegalStateException("handled above");
            };
            nextHash = hasher.update(nextHash, before, change.entity());
        }
        requireHash(changeSet.hash(), nextHash + keys.keysHash(), changeSet.toRevision());
        // the caller checked that the change set belongs to this state's cluster and epoch; a state that predates
        // cluster identity takes the change set's
        boolean stamped = changeSet.clusterId() != null;
        return new ConfigState(changeSet.toRevision(), nextHash, nextServices, nextRoutes, nextConsumers, nextPlans,
                nextSettings, nextPolicies, stamped ? changeSet.clusterId() : clusterId,
                stamped ? changeSet.epoch() : epoch);
    }

    /** The snapshot form of this state without keys, objects ordered by name for stable output. */
    public ConfigSnapshot toSnapshot() {
        return toSnapshot(0, ConfigHash.EMPTY);
    }

    /** The snapshot form of this state, announcing {@code keyCount} keys whose digests sum to {@code keysHash}. */
    public ConfigSnapshot toSnapshot(long keyCount, long keysHash) {
        return new ConfigSnapshot(revision, ConfigHash.format(hash + keysHash),
                sorted(services.values(), ServiceSpec::name), sorted(routes.values(), RouteSpec::name),
                sorted(consumers.values(), ConsumerSpec::name), sorted(plans.values(), PlanSpec::name),
                settings, keyCount, sorted(policies.values(), PolicySpec::name), clusterId, epoch);
    }

    /** This state stamped with a cluster id and epoch. */
    public ConfigState withCluster(String cluster, long clusterEpoch) {
        return new ConfigState(revision, hash, services, routes, consumers, plans, settings, policies, cluster,
                clusterEpoch);
    }

    /** True when it holds no service, route or consumer: nothing a node could serve. */
    public boolean servesNothing() {
        return services.isEmpty() && routes.isEmpty() && consumers.isEmpty();
    }

    private static <T extends ConfigEntity> Map<String, T> index(List<T> entities, ConfigHash hasher, long[] hash) {
        Map<String, T> byId = new HashMap<>();
        for (T entity : entities) {
            if (byId.put(entity.id(), entity) != null) {
                throw new ConfigIntegrityException("snapshot lists " + entity.kind() + " " + entity.id() + " twice");
            }
            hash[0] = hasher.update(hash[0], null, entity);
        }
        return byId;
    }

    private static <T extends ConfigEntity> T put(Map<String, T> map, ConfigChange change, Class<T> type) {
        return change.op() == ChangeOp.UPSERT ? map.put(change.id(), type.cast(change.entity()))
                : map.remove(change.id());
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Function<T, String> key) {
        return values.stream().sorted(Comparator.comparing(key)).toList();
    }

    private static void requireHash(String expected, long actual, long revision) {
        if (ConfigHash.parse(expected) != actual) {
            throw new ConfigIntegrityException("content hash at revision " + revision + " is "
                    + ConfigHash.format(actual) + ", expected " + expected);
        }
    }
}
