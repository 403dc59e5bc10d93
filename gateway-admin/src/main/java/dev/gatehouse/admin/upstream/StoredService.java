package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.upstream.Balancing;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code services} with its {@code service_targets}, in the order the admin listed them. Only this
 * package sees it; everyone else gets a {@link ServiceSpec} or a {@link ServiceView}.
 */
@Entity
@Table(name = "services")
class StoredService extends StoredEntity {

    private String name;

    /** {@code http} or {@code https}, as the table's CHECK constraint spells them. */
    private String protocol;

    private String basePath;

    private int connectTimeoutMs;

    private int responseTimeoutMs;

    /** {@code round_robin}, {@code least_requests} or {@code consistent_hash}, as the CHECK spells them. */
    private String balancingAlgorithm = "round_robin";

    private String balancingHashOn;

    private String balancingHashKey;

    private Double balancingBoundedLoad;

    @ElementCollection
    @CollectionTable(name = "service_targets", joinColumns = @JoinColumn(name = "service_id"))
    @OrderColumn(name = "position")
    private List<StoredTarget> targets = new ArrayList<>();

    private Instant updatedAt;

    protected StoredService() {
    }

    /** A new service with the given spec's id and content. */
    static StoredService create(ServiceSpec spec, Instant now) {
        StoredService service = new StoredService();
        service.created(UUID.fromString(spec.id()), now);
        service.apply(spec, now);
        return service;
    }

    /** Replaces the content with the spec's (the id stays). */
    void apply(ServiceSpec spec, Instant now) {
        name = spec.name();
        protocol = spec.protocol().scheme();
        basePath = spec.basePath();
        connectTimeoutMs = spec.connectTimeoutMs();
        responseTimeoutMs = spec.responseTimeoutMs();
        BalancingFields balancing = BalancingFields.of(spec.balancing());
        balancingAlgorithm = balancing.algorithm();
        balancingHashOn = balancing.hashOn();
        balancingHashKey = balancing.hashKey();
        balancingBoundedLoad = balancing.boundedLoad();
        targets.clear();
        spec.targets().forEach(t -> targets.add(new StoredTarget(t.host(), t.port(), t.weight())));
        updatedAt = now;
    }

    /** The service as the contract publishes it. */
    ServiceSpec toSpec() {
        return new ServiceSpec(getId().toString(), name, protocol(), targetSpecs(), basePath, connectTimeoutMs,
                responseTimeoutMs, balancing());
    }

    /** The service as the API and console show it. */
    ServiceView toView() {
        return new ServiceView(getId().toString(), name, targetSpecs(), protocol().scheme(), basePath,
                connectTimeoutMs, responseTimeoutMs, BalancingFields.of(balancing()), createdAt(), updatedAt,
                version());
    }

    String name() {
        return name;
    }

    private Protocol protocol() {
        return "https".equals(protocol) ? Protocol.HTTPS : Protocol.HTTP;
    }

    private Balancing balancing() {
        return new Balancing(Balancing.Algorithm.ofLabel(balancingAlgorithm),
                Balancing.HashOn.ofLabel(balancingHashOn), balancingHashKey,
                balancingBoundedLoad == null ? 0 : balancingBoundedLoad);
    }

    private List<TargetSpec> targetSpecs() {
        return targets.stream().map(StoredTarget::toSpec).toList();
    }
}
