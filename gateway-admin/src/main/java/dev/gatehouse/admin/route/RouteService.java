package dev.gatehouse.admin.route;

import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigReferences;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.PublishedConfigSource;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.RouteSpec;
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
 * Routes: the one entry point for reading and changing them. Like services, every change takes the
 * configuration lock first, validates, then writes the route and publishes in the same transaction. New routes
 * require an API key unless the request says otherwise: a route is open to anonymous callers only on purpose.
 */
@Service
public class RouteService implements PublishedConfigSource {

    private final RouteRepository repository;
    private final UpstreamService services;
    private final ConfigPublisher publisher;
    private final RouteRequestMapper mapper;
    private final Clock clock;
    private final List<ConfigReferences> references;
    private final ConfigJson json;

    RouteService(RouteRepository repository, UpstreamService services, ConfigPublisher publisher,
                 ConfigValidator validator, Clock clock, List<ConfigReferences> references, ConfigJson json) {
        this.json = json;
        this.repository = repository;
        this.services = services;
        this.publisher = publisher;
        this.mapper = new RouteRequestMapper(validator);
        this.clock = clock;
        this.references = references;
    }

    /** All routes, by name. */
    @Transactional(readOnly = true)
    public List<RouteView> list() {
        return views(repository.findAllByOrderByNameAsc());
    }

    /**
     * Routes that send calls to the service with this id or name: those forwarding to it and the composite routes
     * with a step that calls it. {@link NotFoundException} if no service has it.
     */
    @Transactional(readOnly = true)
    public List<RouteView> listByService(String serviceIdOrName) {
        ServiceView service = services.get(serviceIdOrName);
        return views(repository.findCallingService(UUID.fromString(service.id())));
    }

    /** The route with this id or name, or {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public RouteView get(String idOrName) {
        return view(require(idOrName));
    }

    /** The route with this id or name, if any. */
    @Transactional(readOnly = true)
    public Optional<RouteView> find(String idOrName) {
        return lookup(idOrName).map(this::view);
    }

    /** Name of every route by its id, for features that show which routes they point at. */
    @Transactional(readOnly = true)
    public Map<String, String> namesById() {
        return Ids.namesById(repository.findAllNames());
    }

    /** Every route as the contract's spec, for snapshots. */
    @Transactional(readOnly = true)
    public List<RouteSpec> specs() {
        return repository.findAllByOrderByNameAsc().stream().map(route -> route.toSpec(json)).toList();
    }

    /** The route with this id or name as the contract's spec, if any. */
    @Transactional(readOnly = true)
    public Optional<RouteSpec> findSpec(String idOrName) {
        return lookup(idOrName).map(route -> route.toSpec(json));
    }

    @Override
    public EntityKind kind() {
        return EntityKind.ROUTE;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RouteSpec> currentEntities() {
        return specs();
    }

    /** Creates a route; 400 on field {@code service} when the service does not exist. */
    @Transactional
    public RouteView create(RouteRequest request) {
        ConfigWrite write = publisher.begin();
        RouteSpec spec = mapper.toSpec(UUID.randomUUID().toString(), request, serviceId(request), this::serviceId);
        requireFreeName(spec);
        StoredRoute stored = repository.save(StoredRoute.create(spec, json, now()));
        publisher.publish(write.upsert(null, spec));
        return view(stored);
    }

    /** As {@link #update(String, RouteRequest, IfMatch)} with no condition. */
    @Transactional
    public RouteView update(String idOrName, RouteRequest request) {
        return update(idOrName, request, IfMatch.NONE);
    }

    /**
     * Replaces a route (its id stays). An absent name, auth, allowedGroups, tags, keyAuth or jwt keeps the
     * current value; a JWT secret sent back masked keeps the stored secret.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the
     * stored one.
     */
    @Transactional
    public RouteView update(String idOrName, RouteRequest request, IfMatch ifMatch) {
        // Lock first: everything read below is then the state this write replaces (the hash update needs it).
        ConfigWrite write = publisher.begin();
        StoredRoute stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        RouteSpec before = stored.toSpec(json);
        RouteRequest completed = keepingUnset(request, before);
        RouteSpec spec = mapper.toSpec(before.id(), completed, serviceId(completed), this::serviceId);
        requireFreeName(spec);
        stored.apply(spec, json, now());
        publisher.publish(write.upsert(before, spec));
        return view(stored);
    }

    private static RouteRequest keepingUnset(RouteRequest request, RouteSpec before) {
        JwtRequest jwt = request.jwt() != null ? request.jwt().unmasked(before.jwt())
                : before.jwt() == null ? null : JwtRequest.of(before.jwt());
        return new RouteRequest(request.name() != null ? request.name() : before.name(), request.kind(),
                request.service(), request.hosts(), request.paths(), request.pathMatch(), request.methods(), request.stripPrefix(),
                request.priority(), request.enabled(),
                request.auth() != null ? request.auth() : RouteRequestMapper.authName(before.auth()),
                request.allowedGroups() != null ? request.allowedGroups() : before.allowedGroups(),
                request.tags() != null ? request.tags() : before.tags(),
                request.keyAuth() != null ? request.keyAuth() : KeyAuthRequest.of(before.keyAuth()), jwt,
                request.composite());
    }

    /** As {@link #delete(String, IfMatch)} with no condition. */
    @Transactional
    public void delete(String idOrName) {
        delete(idOrName, IfMatch.NONE);
    }

    /**
     * Deletes a route; 409 {@code in_use} while policies are attached to it.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void delete(String idOrName, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredRoute stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        RouteSpec before = stored.toSpec(json);
        ConfigReferences.requireUnreferenced(references, before);
        repository.delete(stored);
        publisher.publish(write.delete(before));
    }

    // Resolved under the configuration lock (begin() was called), so the service cannot vanish before commit.
    private String serviceId(RouteRequest request) {
        if (request.service() == null || request.service().isBlank()) {
            return null;
        }
        return serviceId(request.service());
    }

    private String serviceId(String idOrName) {
        return services.find(idOrName).map(ServiceView::id).orElse(null);
    }

    private void requireFreeName(RouteSpec spec) {
        if (repository.existsByNameAndIdNot(spec.name(), UUID.fromString(spec.id()))) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME,
                    "a route named '" + spec.name() + "' already exists");
        }
    }

    private StoredRoute require(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> new NotFoundException("no route '" + idOrName + "'"));
    }

    private Optional<StoredRoute> lookup(String idOrName) {
        return Ids.lookup(idOrName, repository::findById, repository::findByName);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private RouteView view(StoredRoute stored) {
        return views(List.of(stored)).get(0);
    }

    private List<RouteView> views(List<StoredRoute> routes) {
        Map<String, String> names = services.namesById();
        return routes.stream().map(route -> route.toView(id -> names.getOrDefault(id, id), json)).toList();
    }
}
