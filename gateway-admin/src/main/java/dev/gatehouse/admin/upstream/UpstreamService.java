package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.PublishedConfigSource;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.ServiceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Services (upstream APIs): the one entry point for reading and changing them. Every change takes the
 * configuration lock first, validates the whole request, then writes the service and publishes to nodes in the
 * same transaction; a refused request changes nothing.
 */
@Service
public class UpstreamService implements PublishedConfigSource {

    private final ServiceRepository repository;
    private final ConfigPublisher publisher;
    private final List<ServiceReferences> references;
    private final ServiceRequestMapper mapper;
    private final Clock clock;

    UpstreamService(ServiceRepository repository, ConfigPublisher publisher, List<ServiceReferences> references,
                    ConfigValidator validator, TargetChecks targetChecks, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.references = references;
        this.mapper = new ServiceRequestMapper(validator, targetChecks::refusal);
        this.clock = clock;
    }

    /** All services, by name. */
    @Transactional(readOnly = true)
    public List<ServiceView> list() {
        return repository.findAllByOrderByNameAsc().stream().map(StoredService::toView).toList();
    }

    /** The service with this id or name, or {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public ServiceView get(String idOrName) {
        return require(idOrName).toView();
    }

    /** The service with this id or name, if any. */
    @Transactional(readOnly = true)
    public Optional<ServiceView> find(String idOrName) {
        return lookup(idOrName).map(StoredService::toView);
    }

    /** Name of every service by its id, for features that show which service they point at. */
    @Transactional(readOnly = true)
    public Map<String, String> namesById() {
        return Ids.namesById(repository.findAllNames());
    }

    /** Every service as the contract's spec, for snapshots. */
    @Transactional(readOnly = true)
    public List<ServiceSpec> specs() {
        return repository.findAllByOrderByNameAsc().stream().map(StoredService::toSpec).toList();
    }

    @Override
    public EntityKind kind() {
        return EntityKind.SERVICE;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ServiceSpec> currentEntities() {
        return specs();
    }

    /** Whether no service exists yet. */
    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return repository.count() == 0;
    }

    /** Creates a service; 409 {@code duplicate_name} when the name is taken. */
    @Transactional
    public ServiceView create(ServiceRequest request) {
        ServiceSpec spec = mapper.toSpec(UUID.randomUUID().toString(), request);
        ConfigWrite write = publisher.begin();
        requireFreeName(spec);
        StoredService stored = repository.save(StoredService.create(spec, now()));
        publisher.publish(write.upsert(null, spec));
        return stored.toView();
    }

    /** As {@link #update(String, ServiceRequest, IfMatch)} with no condition. */
    @Transactional
    public ServiceView update(String idOrName, ServiceRequest request) {
        return update(idOrName, request, IfMatch.NONE);
    }

    /**
     * Replaces a service whole (its id stays); an absent name keeps the current one.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public ServiceView update(String idOrName, ServiceRequest request, IfMatch ifMatch) {
        // Lock first: everything read below is then the state this write replaces (the hash update needs it).
        ConfigWrite write = publisher.begin();
        StoredService stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        ServiceSpec before = stored.toSpec();
        ServiceRequest named = request.name() != null ? request : request.withName(before.name());
        ServiceSpec spec = mapper.toSpec(before.id(), named);
        requireFreeName(spec);
        stored.apply(spec, now());
        publisher.publish(write.upsert(before, spec));
        return stored.toView();
    }

    /** As {@link #delete(String, IfMatch)} with no condition. */
    @Transactional
    public void delete(String idOrName) {
        delete(idOrName, IfMatch.NONE);
    }

    /**
     * Deletes a service; 409 {@code in_use} while routes (or anything else) send traffic to it.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void delete(String idOrName, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredService stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        ServiceSpec before = stored.toSpec();
        List<String> users = references.stream().flatMap(r -> r.referencesTo(before.id()).stream()).toList();
        if (!users.isEmpty()) {
            throw new ConflictException(ConflictException.IN_USE, "service '" + before.name() + "' is used by "
                    + String.join(", ", users) + "; delete or move them first");
        }
        repository.delete(stored);
        publisher.publish(write.delete(before));
    }

    private void requireFreeName(ServiceSpec spec) {
        if (repository.existsByNameAndIdNot(spec.name(), UUID.fromString(spec.id()))) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME,
                    "a service named '" + spec.name() + "' already exists");
        }
    }

    private StoredService require(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> new NotFoundException("no service '" + idOrName + "'"));
    }

    private Optional<StoredService> lookup(String idOrName) {
        return Ids.lookup(idOrName, repository::findWithTargetsById, repository::findByName);
    }

    /** The UUID this string spells, if it spells one. */
    public static Optional<UUID> parseUuid(String value) {
        return Ids.parseUuid(value);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
