package dev.gatehouse.config;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A complete configuration at one revision, indexed by id. Immutable: {@link #apply} returns a new state, so a
 * node can build the next configuration beside the live one and swap it in with one reference write.
 *
 * @param revision the revision this state is at
 * @param hash     content hash, see {@link ConfigHash}
 * @param services services by id
 * @param routes   routes by id
 */
public record ConfigState(long revision, long hash, Map<String, ServiceSpec> services, Map<String, RouteSpec> routes) {

    public ConfigState {
        services = Map.copyOf(services);
        routes = Map.copyOf(routes);
    }

    /** The state before anything has been published. */
    public static ConfigState empty() {
        return new ConfigState(0, ConfigHash.EMPTY, Map.of(), Map.of());
    }

    /** Builds a state from a snapshot and checks the snapshot's hash against its content. */
    public static ConfigState fromSnapshot(ConfigSnapshot snapshot, ConfigHash hasher) {
        long hash = ConfigHash.EMPTY;
        Map<String, ServiceSpec> services = new HashMap<>();
        for (ServiceSpec s : snapshot.services()) {
            if (services.put(s.id(), s) != null) {
                throw new ConfigIntegrityException("snapshot lists service " + s.id() + " twice");
            }
            hash = hasher.update(hash, null, s);
        }
        Map<String, RouteSpec> routes = new HashMap<>();
        for (RouteSpec r : snapshot.routes()) {
            if (routes.put(r.id(), r) != null) {
                throw new ConfigIntegrityException("snapshot lists route " + r.id() + " twice");
            }
            hash = hasher.update(hash, null, r);
        }
        requireHash(snapshot.hash(), hash, snapshot.revision());
        return new ConfigState(snapshot.revision(), hash, services, routes);
    }

    /** Applies a change set made for exactly this revision and checks the resulting hash. */
    public ConfigState apply(ConfigChangeSet changeSet, ConfigHash hasher) {
        if (changeSet.fromRevision() != revision) {
            throw new ConfigIntegrityException("change set starts at revision " + changeSet.fromRevision()
                    + " but this configuration is at " + revision);
        }
        Map<String, ServiceSpec> nextServices = new HashMap<>(services);
        Map<String, RouteSpec> nextRoutes = new HashMap<>(routes);
        long nextHash = hash;
        for (ConfigChange change : changeSet.changes()) {
            ConfigEntity before = switch (change.kind()) {
                case SERVICE -> change.op() == ChangeOp.UPSERT
                        ? nextServices.put(change.id(), (ServiceSpec) change.entity())
                        : nextServices.remove(change.id());
                case ROUTE -> change.op() == ChangeOp.UPSERT
                        ? nextRoutes.put(change.id(), (RouteSpec) change.entity())
                        : nextRoutes.remove(change.id());
            };
            nextHash = hasher.update(nextHash, before, change.entity());
        }
        requireHash(changeSet.hash(), nextHash, changeSet.toRevision());
        return new ConfigState(changeSet.toRevision(), nextHash, nextServices, nextRoutes);
    }

    /** The snapshot form of this state, objects ordered by name for stable output. */
    public ConfigSnapshot toSnapshot() {
        return new ConfigSnapshot(revision, ConfigHash.format(hash),
                services.values().stream().sorted(Comparator.comparing(ServiceSpec::name)).toList(),
                routes.values().stream().sorted(Comparator.comparing(RouteSpec::name)).toList());
    }

    private static void requireHash(String expected, long actual, long revision) {
        if (ConfigHash.parse(expected) != actual) {
            throw new ConfigIntegrityException("content hash at revision " + revision + " is "
                    + ConfigHash.format(actual) + ", expected " + expected);
        }
    }
}
