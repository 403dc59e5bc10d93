package dev.gatehouse.config;

import java.util.List;

/**
 * The complete published configuration at one revision. API keys, which may number a million, do not travel
 * inside the snapshot: {@code keyCount} keys follow it in {@link KeyChunk}s, and the node swaps the new
 * configuration in only once it holds all of them and the content hash verifies.
 *
 * @param revision  global configuration revision, advanced by every committed change
 * @param hash      content hash of everything, keys included, see {@link ConfigHash}
 * @param services  all services
 * @param routes    all routes
 * @param consumers all consumers
 * @param plans     all plans
 * @param settings  the cluster settings, or {@code null} before the admin has published any
 * @param keyCount  number of API keys sent after the snapshot in key chunks
 * @param policies  all policies
 * @param clusterId the cluster this configuration belongs to (random, created once in the admin's database), or
 *                  {@code null} from admins and files older than cluster identity; a node refuses a snapshot of
 *                  another cluster than the one it is pinned to
 * @param epoch     the cluster's restore epoch: advanced only by a deliberate force restore, it lets a node accept
 *                  an older or empty configuration exactly when an operator asked for it
 */
public record ConfigSnapshot(long revision, String hash, List<ServiceSpec> services, List<RouteSpec> routes,
                             List<ConsumerSpec> consumers, List<PlanSpec> plans, ClusterSettingsSpec settings,
                             long keyCount, List<PolicySpec> policies, String clusterId, long epoch) {

    public ConfigSnapshot {
        services = services == null ? List.of() : List.copyOf(services);
        routes = routes == null ? List.of() : List.copyOf(routes);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        plans = plans == null ? List.of() : List.copyOf(plans);
        policies = policies == null ? List.of() : List.copyOf(policies);
        if (keyCount < 0) {
            throw new IllegalArgumentException("keyCount < 0");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch < 0");
        }
    }

    /** This snapshot stamped with a cluster id and epoch. */
    public ConfigSnapshot withCluster(String cluster, long clusterEpoch) {
        return new ConfigSnapshot(revision, hash, services, routes, consumers, plans, settings, keyCount, policies,
                cluster, clusterEpoch);
    }
}
