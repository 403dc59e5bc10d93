package dev.gatehouse.admin.plan;

import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigReferences;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.PublishedConfigSource;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans: the one entry point for reading and changing them. Like every published kind, a change takes the
 * configuration lock first, validates, writes and publishes in one transaction; a refused request changes
 * nothing. A plan in use by consumers or with policies attached cannot be deleted. Its rate limits and quotas are
 * published in its {@link PlanSpec}.
 */
@Service
public class PlanService implements PublishedConfigSource {

    /** Longest description accepted. */
    public static final int MAX_DESCRIPTION = 1_024;
    private static final int NAMES_IN_MESSAGE = 5;

    private final PlanRepository repository;
    private final ConfigPublisher publisher;
    private final List<PlanUsage> usage;
    private final ConfigValidator validator;
    private final Clock clock;
    private final ConfigJson json;
    private final List<ConfigReferences> references;

    PlanService(PlanRepository repository, ConfigPublisher publisher, List<PlanUsage> usage,
                ConfigValidator validator, Clock clock, ConfigJson json, List<ConfigReferences> references) {
        this.repository = repository;
        this.publisher = publisher;
        this.usage = usage;
        this.validator = validator;
        this.clock = clock;
        this.json = json;
        this.references = references;
    }

    /** All plans, by name, with their consumer counts. */
    @Transactional(readOnly = true)
    public List<PlanView> list() {
        Map<String, Long> counts = counts();
        return repository.findAllByOrderByNameAsc().stream()
                .map(plan -> plan.toView(counts.getOrDefault(plan.getId().toString(), 0L), json)).toList();
    }

    /** The plan with this id or name, or {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public PlanView get(String idOrName) {
        return view(require(idOrName));
    }

    /** The plan with this id or name, if any. */
    @Transactional(readOnly = true)
    public Optional<PlanView> find(String idOrName) {
        return lookup(idOrName).map(this::view);
    }

    /** Name of every plan by its id. */
    @Transactional(readOnly = true)
    public Map<String, String> namesById() {
        Map<String, String> names = new HashMap<>();
        repository.findAll().forEach(plan -> names.put(plan.getId().toString(), plan.name()));
        return names;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.PLAN;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PlanSpec> currentEntities() {
        return repository.findAllByOrderByNameAsc().stream().map(plan -> plan.toSpec(json)).toList();
    }

    /** Creates a plan; 409 {@code duplicate_name} when the name is taken. */
    @Transactional
    public PlanView create(PlanRequest request) {
        ConfigWrite write = publisher.begin();
        UUID id = UUID.randomUUID();
        PlanSpec spec = validated(id, request.name(), request.description(), request.rateLimits(),
                request.quotas());
        requireFreeName(spec);
        StoredPlan stored = repository.save(StoredPlan.create(spec, description(request), json, now()));
        publisher.publish(write.upsert(null, spec));
        return stored.toView(0, json);
    }

    /** As {@link #update(String, PlanRequest, IfMatch)} with no condition. */
    @Transactional
    public PlanView update(String idOrName, PlanRequest request) {
        return update(idOrName, request, IfMatch.NONE);
    }

    /**
     * Replaces a plan (its id stays); an absent name, rate limit list or quota list keeps the current one.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public PlanView update(String idOrName, PlanRequest request, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredPlan stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        PlanSpec before = stored.toSpec(json);
        String name = request.name() != null ? request.name() : before.name();
        PlanSpec spec = validated(stored.getId(), name, request.description(),
                request.rateLimits() != null ? request.rateLimits() : before.rateLimits(),
                request.quotas() != null ? request.quotas() : before.quotas());
        requireFreeName(spec);
        stored.apply(spec, description(request), json, now());
        // Published even when only the description changed: every write is one revision, like any other kind.
        publisher.publish(write.upsert(before, spec));
        return view(stored);
    }

    /** As {@link #delete(String, IfMatch)} with no condition. */
    @Transactional
    public void delete(String idOrName) {
        delete(idOrName, IfMatch.NONE);
    }

    /**
     * Deletes a plan; 409 {@code in_use} while consumers are on it or policies are attached to it.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void delete(String idOrName, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredPlan stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        PlanSpec before = stored.toSpec(json);
        List<String> users = usage.stream()
                .flatMap(u -> u.consumersOn(before.id(), NAMES_IN_MESSAGE + 1).stream()).toList();
        if (!users.isEmpty()) {
            String names = String.join(", ", users.subList(0, Math.min(NAMES_IN_MESSAGE, users.size())))
                    + (users.size() > NAMES_IN_MESSAGE ? " and more" : "");
            throw new ConflictException(ConflictException.IN_USE, "plan '" + before.name()
                    + "' is used by consumers " + names + "; move them to another plan first");
        }
        ConfigReferences.requireUnreferenced(references, before);
        repository.delete(stored);
        publisher.publish(write.delete(before));
    }

    private PlanSpec validated(UUID id, String name, String description, List<RateLimit> rateLimits,
                               List<Quota> quotas) {
        // The contract's lists refuse nulls; a client sending [null] gets a field error rather than a 500.
        List<Violation> nulls = new ArrayList<>();
        nullEntries("rateLimits", rateLimits, nulls);
        nullEntries("quotas", quotas, nulls);
        if (!nulls.isEmpty()) {
            throw new InvalidInputException(nulls);
        }
        PlanSpec spec = new PlanSpec(id.toString(), name, rateLimits, quotas);
        List<Violation> violations = new ArrayList<>(validator.validate(spec));
        if (description != null && description.length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return spec;
    }

    private static void nullEntries(String field, List<?> values, List<Violation> out) {
        for (int i = 0; values != null && i < values.size(); i++) {
            if (values.get(i) == null) {
                out.add(new Violation(field + "[" + i + "]", "must not be null"));
            }
        }
    }

    private static String description(PlanRequest request) {
        return request.description() == null ? "" : request.description().strip();
    }

    private void requireFreeName(PlanSpec spec) {
        if (repository.existsByNameAndIdNot(spec.name(), UUID.fromString(spec.id()))) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME,
                    "a plan named '" + spec.name() + "' already exists");
        }
    }

    private StoredPlan require(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> new NotFoundException("no plan '" + idOrName + "'"));
    }

    private Optional<StoredPlan> lookup(String idOrName) {
        return Ids.lookup(idOrName, repository::findById, repository::findByName);
    }

    private PlanView view(StoredPlan plan) {
        return plan.toView(counts().getOrDefault(plan.getId().toString(), 0L), json);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        usage.forEach(u -> u.consumersByPlan().forEach((plan, n) -> counts.merge(plan, n, Long::sum)));
        return counts;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
