package dev.gatehouse.runtime.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;

/** Builders for contract values in tests. */
public final class Specs {

    public static final ConfigJson JSON = new ConfigJson();
    public static final ConfigHash HASHER = new ConfigHash(JSON);

    private Specs() {
    }

    /** A service with id {@code svc-<name>} and the given targets. */
    public static ServiceSpec service(String name, TargetSpec... targets) {
        return service(name, "", 2_000, 30_000, targets);
    }

    public static ServiceSpec service(String name, String basePath, int connectMs, int responseMs,
                                      TargetSpec... targets) {
        return new ServiceSpec("svc-" + name, name, Protocol.HTTP, List.of(targets), basePath, connectMs, responseMs);
    }

    public static TargetSpec target(int port) {
        return new TargetSpec("127.0.0.1", port, TargetSpec.DEFAULT_WEIGHT);
    }

    /** Starts a route with id {@code rt-<name>} to {@code service}. */
    public static RouteBuilder route(String name, ServiceSpec service) {
        return new RouteBuilder(name, service.id());
    }

    /** A snapshot of these objects at {@code revision} with the right hash. */
    public static ConfigSnapshot snapshot(long revision, List<ServiceSpec> services, List<RouteSpec> routes) {
        long hash = ConfigHash.EMPTY;
        List<ConfigEntity> all = new ArrayList<>(services);
        all.addAll(routes);
        for (ConfigEntity e : all) {
            hash = HASHER.update(hash, null, e);
        }
        return new ConfigSnapshot(revision, ConfigHash.format(hash), services, routes);
    }

    /** Fluent route builder with the contract's defaults: prefix match, enabled, priority 0. */
    public static final class RouteBuilder {
        private final String name;
        private final String serviceId;
        private List<String> hosts = List.of();
        private List<String> paths = List.of("/");
        private PathMatch match = PathMatch.PREFIX;
        private List<String> methods = List.of();
        private boolean strip;
        private int priority;
        private boolean enabled = true;

        RouteBuilder(String name, String serviceId) {
            this.name = name;
            this.serviceId = serviceId;
        }

        public RouteBuilder hosts(String... value) {
            hosts = Arrays.asList(value);
            return this;
        }

        public RouteBuilder paths(String... value) {
            paths = Arrays.asList(value);
            return this;
        }

        public RouteBuilder exact() {
            match = PathMatch.EXACT;
            return this;
        }

        public RouteBuilder methods(String... value) {
            methods = Arrays.asList(value);
            return this;
        }

        public RouteBuilder stripPrefix() {
            strip = true;
            return this;
        }

        public RouteBuilder priority(int value) {
            priority = value;
            return this;
        }

        public RouteBuilder disabled() {
            enabled = false;
            return this;
        }

        public RouteSpec build() {
            return new RouteSpec("rt-" + name, name, serviceId, hosts, paths, match, methods, strip, priority,
                    enabled);
        }
    }
}
