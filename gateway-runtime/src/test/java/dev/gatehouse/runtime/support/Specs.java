package dev.gatehouse.runtime.support;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ApiKeyHasher;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ClusterSettingsSpec;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.config.composite.StepField;

/** Builders for contract values in tests. */
public final class Specs {

    public static final ConfigJson JSON = new ConfigJson();
    public static final ConfigHash HASHER = new ConfigHash(JSON);
    /** The key-hashing secret of test clusters (32 bytes, base64url). */
    public static final String KEY_SECRET = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("gatehouse-test-key-hashing-key-!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    public static final ApiKeyHasher KEY_HASHER = new ApiKeyHasher(KEY_SECRET);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An API key as issued: the key text the caller sends and the spec nodes receive. */
    public record IssuedKey(String key, ApiKeySpec spec) {
    }

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

    /** Starts a composite route with id {@code rt-<name>} answered from {@code composite}'s steps. */
    public static RouteBuilder compositeRoute(String name, CompositeSpec composite) {
        RouteBuilder builder = new RouteBuilder(name, null);
        builder.composite = composite;
        return builder;
    }

    /** Composite route steps with the default limits (10 s deadline, 1 MiB per step, 4 MiB answer). */
    public static CompositeSpec composite(StepBuilder... steps) {
        return composite(0, 0, 0, steps);
    }

    public static CompositeSpec composite(int deadlineMs, int maxStepResponseBytes, int maxResponseBytes,
                                          StepBuilder... steps) {
        return new CompositeSpec(Arrays.stream(steps).map(StepBuilder::build).toList(), deadlineMs,
                maxStepResponseBytes, maxResponseBytes);
    }

    /** Starts a required GET step of a composite route, nested under its name. */
    public static StepBuilder step(String name, ServiceSpec service, String path) {
        return new StepBuilder(name, service.id(), path);
    }

    /** Fluent composite step builder. */
    public static final class StepBuilder {
        private final String name;
        private final String serviceId;
        private final String path;
        private String method;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean passBody;
        private List<String> dependsOn = List.of();
        private int timeoutMs;
        private boolean required = true;
        private Placement placement;
        private final List<StepField> fields = new ArrayList<>();

        StepBuilder(String name, String serviceId, String path) {
            this.name = name;
            this.serviceId = serviceId;
            this.path = path;
        }

        public StepBuilder method(String value) {
            method = value;
            return this;
        }

        public StepBuilder query(String name, String template) {
            query.put(name, template);
            return this;
        }

        public StepBuilder header(String name, String template) {
            headers.put(name, template);
            return this;
        }

        public StepBuilder passBody() {
            passBody = true;
            return this;
        }

        public StepBuilder dependsOn(String... steps) {
            dependsOn = List.of(steps);
            return this;
        }

        public StepBuilder timeoutMs(int value) {
            timeoutMs = value;
            return this;
        }

        public StepBuilder optional() {
            required = false;
            return this;
        }

        public StepBuilder merge() {
            placement = Placement.MERGE;
            return this;
        }

        /** Keeps the member at {@code pointer}, named {@code as} (null: the pointer's last token). */
        public StepBuilder field(String pointer, String as) {
            fields.add(new StepField(pointer, as));
            return this;
        }

        public CompositeStep build() {
            return new CompositeStep(name, serviceId, method, path, query, headers, passBody, dependsOn, timeoutMs,
                    required, placement, fields);
        }
    }

    /** The cluster settings with the test key-hashing secret. */
    public static ClusterSettingsSpec settings() {
        return new ClusterSettingsSpec(ClusterSettingsSpec.ID, ClusterSettingsSpec.ID, KEY_SECRET);
    }

    /** An active consumer with id {@code con-<name>}. */
    public static ConsumerSpec consumer(String name, String... groups) {
        return new ConsumerSpec("con-" + name, name, ConsumerStatus.ACTIVE, List.of(groups), null);
    }

    /** The same consumer, suspended. */
    public static ConsumerSpec suspended(ConsumerSpec consumer) {
        return new ConsumerSpec(consumer.id(), consumer.name(), ConsumerStatus.SUSPENDED, consumer.groups(),
                consumer.planId());
    }

    /** A new key of {@code consumer} that never expires and may call anything. */
    public static IssuedKey issue(ConsumerSpec consumer) {
        return issue(consumer, 0, KeyScopes.ANY);
    }

    /** A new key of {@code consumer}, hashed with the test secret. */
    public static IssuedKey issue(ConsumerSpec consumer, long expiresAt, KeyScopes scopes) {
        String key = ApiKeyFormat.generate(RANDOM);
        return new IssuedKey(key, new ApiKeySpec(UUID.randomUUID().toString(), consumer.id(),
                ApiKeyFormat.displayPrefix(key), KEY_HASHER.hashToString(key), expiresAt, scopes));
    }

    /** The same key with another expiry (what a rotation sends for the old key). */
    public static ApiKeySpec expiring(ApiKeySpec key, long expiresAt) {
        return new ApiKeySpec(key.id(), key.consumerId(), key.prefix(), key.hash(), expiresAt, key.scopes());
    }

    /** An enabled route-scoped policy with id {@code pol-<name>}. */
    public static PolicySpec routePolicy(String name, RouteSpec route, PolicyConfig config) {
        return new PolicySpec("pol-" + name, name, true, PolicyScope.ROUTE, null, route.id(), null, null, config);
    }

    /** A snapshot of these objects at {@code revision} with the right hash. */
    public static ConfigSnapshot snapshot(long revision, List<ServiceSpec> services, List<RouteSpec> routes) {
        long hash = ConfigHash.EMPTY;
        List<ConfigEntity> all = new ArrayList<>(services);
        all.addAll(routes);
        for (ConfigEntity e : all) {
            hash = HASHER.update(hash, null, e);
        }
        return new ConfigSnapshot(revision, ConfigHash.format(hash), services, routes, List.of(), List.of(), null, 0,
                List.of(), null, 0);
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
        private AuthMode auth = AuthMode.NONE;
        private List<String> allowedGroups = List.of();
        private List<String> tags = List.of();
        private KeyAuthSpec keyAuth = KeyAuthSpec.DEFAULT;
        private JwtSpec jwt;
        private CompositeSpec composite;

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

        /** Requires an API key read as {@code keyAuth} says. */
        public RouteBuilder keyAuth(KeyAuthSpec value) {
            auth = AuthMode.KEY;
            keyAuth = value;
            return this;
        }

        /** Requires an API key in {@code X-API-Key}. */
        public RouteBuilder keyAuth() {
            return keyAuth(KeyAuthSpec.DEFAULT);
        }

        /** Requires a JWT checked as {@code value} says. */
        public RouteBuilder jwt(JwtSpec value) {
            auth = AuthMode.JWT;
            jwt = value;
            return this;
        }

        public RouteBuilder allowedGroups(String... value) {
            allowedGroups = Arrays.asList(value);
            return this;
        }

        public RouteBuilder tags(String... value) {
            tags = Arrays.asList(value);
            return this;
        }

        public RouteSpec build() {
            return new RouteSpec("rt-" + name, name, serviceId, hosts, paths, match, methods, strip, priority,
                    enabled, auth, allowedGroups, tags, keyAuth, jwt, composite);
        }
    }
}
