package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigReferences;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.publish.PublishedConfigSource;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumers: the one entry point for reading and changing them. Every change takes the configuration lock first,
 * validates the whole consumer, writes and publishes in one transaction. Suspending a consumer publishes it with
 * status {@code suspended}, and nodes then refuse all of its keys at once; deleting it deletes its keys too.
 */
@Service
public class ConsumerService implements PublishedConfigSource {

    /** Longest description accepted. */
    public static final int MAX_DESCRIPTION = 1_024;

    private final ConsumerRepository repository;
    private final PlanService plans;
    private final ConfigPublisher publisher;
    private final List<ConsumerKeys> keys;
    private final ConfigValidator validator;
    private final Clock clock;
    private final List<ConfigReferences> references;

    ConsumerService(ConsumerRepository repository, PlanService plans, ConfigPublisher publisher,
                    List<ConsumerKeys> keys, ConfigValidator validator, Clock clock,
                    List<ConfigReferences> references) {
        this.repository = repository;
        this.plans = plans;
        this.publisher = publisher;
        this.keys = keys;
        this.validator = validator;
        this.clock = clock;
        this.references = references;
    }

    /** Consumers matching the query, by name. */
    @Transactional(readOnly = true)
    public List<ConsumerView> list(ConsumerQuery query) {
        ConsumerQuery q = query == null ? ConsumerQuery.ALL : query;
        String status = blankToNull(q.status());
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!status.equals("active") && !status.equals("suspended")) {
                throw new InvalidInputException(List.of(new Violation("status", "must be active or suspended")));
            }
        }
        String search = blankToNull(q.search());
        String pattern = search == null ? null
                : "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<StoredConsumer> found = search == null && status == null && blankToNull(q.group()) == null
                ? repository.findAllByOrderByNameAsc()
                : repository.search(pattern, status, blankToNull(q.group()));
        return views(found);
    }

    /** The consumer with this id or name, or {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public ConsumerView get(String idOrName) {
        return views(List.of(require(idOrName))).get(0);
    }

    /**
     * The id and name of the consumer with this id or name, or {@link NotFoundException}. Cheaper than
     * {@link #get}: it does not count the consumer's keys, which for a consumer with a million keys is a scan
     * that key writes must not pay for under the configuration lock.
     */
    @Transactional(readOnly = true)
    public ConsumerRef ref(String idOrName) {
        StoredConsumer consumer = require(idOrName);
        return new ConsumerRef(consumer.getId().toString(), consumer.name());
    }

    /** The consumer with this id or name, if any. */
    @Transactional(readOnly = true)
    public Optional<ConsumerView> find(String idOrName) {
        return lookup(idOrName).map(c -> views(List.of(c)).get(0));
    }

    /** The consumer with this id or name as the contract's spec, if any. */
    @Transactional(readOnly = true)
    public Optional<ConsumerSpec> findSpec(String idOrName) {
        return lookup(idOrName).map(StoredConsumer::toSpec);
    }

    @Override
    public EntityKind kind() {
        return EntityKind.CONSUMER;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConsumerSpec> currentEntities() {
        return repository.findAllByOrderByNameAsc().stream().map(StoredConsumer::toSpec).toList();
    }

    /** Creates a consumer; 409 {@code duplicate_name} when the name is taken, 400 on field plan if unknown. */
    @Transactional
    public ConsumerView create(ConsumerRequest request) {
        ConfigWrite write = publisher.begin();
        Fields fields = validated(UUID.randomUUID().toString(), request.name(), request.description(),
                request.status(), request.groups(), request.plan(), request.tags());
        requireFreeName(fields.spec());
        StoredConsumer stored = repository.save(StoredConsumer.create(fields.spec(), fields.description(),
                fields.tags(), now()));
        publisher.publish(write.upsert(null, fields.spec()));
        return views(List.of(stored)).get(0);
    }

    /** As {@link #update(String, ConsumerRequest, IfMatch)} with no condition. */
    @Transactional
    public ConsumerView update(String idOrName, ConsumerRequest request) {
        return update(idOrName, request, IfMatch.NONE);
    }

    /**
     * Replaces a consumer (its id stays); an absent name keeps the current one, other fields take defaults.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public ConsumerView update(String idOrName, ConsumerRequest request, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredConsumer stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        ConsumerSpec before = stored.toSpec();
        Fields fields = validated(before.id(), request.name() != null ? request.name() : before.name(),
                request.description(), request.status(), request.groups(), request.plan(), request.tags());
        return save(write, stored, before, fields);
    }

    /** As {@link #patch(String, ConsumerPatch, IfMatch)} with no condition. */
    @Transactional
    public ConsumerView patch(String idOrName, ConsumerPatch patch) {
        return patch(idOrName, patch, IfMatch.NONE);
    }

    /**
     * Changes the given fields of a consumer and keeps the rest; {@code plan ""} removes the plan.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public ConsumerView patch(String idOrName, ConsumerPatch patch, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredConsumer stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        ConsumerSpec before = stored.toSpec();
        String plan = patch.plan() != null ? patch.plan() : before.planId() == null ? null : before.planId();
        Fields fields = validated(before.id(), patch.name() != null ? patch.name() : before.name(),
                patch.description() != null ? patch.description() : stored.description(),
                patch.status() != null ? patch.status() : stored.status(),
                patch.groups() != null ? patch.groups() : before.groups(), plan,
                patch.tags() != null ? patch.tags() : stored.tags());
        return save(write, stored, before, fields);
    }

    /** As {@link #delete(String, IfMatch)} with no condition. */
    @Transactional
    public void delete(String idOrName) {
        delete(idOrName, IfMatch.NONE);
    }

    /**
     * Deletes a consumer and every one of its keys; 409 {@code in_use} while policies are attached to it.
     * Refused with 412 {@code precondition_failed} when {@code ifMatch} names another version than the stored one.
     */
    @Transactional
    public void delete(String idOrName, IfMatch ifMatch) {
        ConfigWrite write = publisher.begin();
        StoredConsumer stored = require(idOrName);
        ifMatch.check(stored.getId(), stored.version());
        ConsumerSpec before = stored.toSpec();
        ConfigReferences.requireUnreferenced(references, before);
        // Keys first: nodes drop them before the consumer they belong to.
        keys.forEach(k -> k.deleteAll(before.id(), write));
        repository.delete(stored);
        publisher.publish(write.delete(before));
    }

    private ConsumerView save(ConfigWrite write, StoredConsumer stored, ConsumerSpec before, Fields fields) {
        requireFreeName(fields.spec());
        stored.apply(fields.spec(), fields.description(), fields.tags(), now());
        publisher.publish(write.upsert(before, fields.spec()));
        return views(List.of(stored)).get(0);
    }

    /** A consumer's content, checked: every problem is reported at once, named as the request names it. */
    private Fields validated(String id, String name, String description, String status, List<String> groups,
                             String plan, List<String> tags) {
        List<Violation> violations = new ArrayList<>();
        ConsumerStatus consumerStatus = ConsumerStatus.ACTIVE;
        if (status != null) {
            switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "active" -> consumerStatus = ConsumerStatus.ACTIVE;
                case "suspended" -> consumerStatus = ConsumerStatus.SUSPENDED;
                default -> violations.add(new Violation("status", "must be active or suspended"));
            }
        }
        String planId = null;
        if (plan != null && !plan.isBlank()) {
            Optional<PlanView> found = plans.find(plan.trim());
            if (found.isEmpty()) {
                violations.add(new Violation("plan", "names no existing plan: '" + plan + "'"));
            } else {
                planId = found.get().id();
            }
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        List<String> groupList = trimmed("groups", groups, violations);
        List<String> tagList = trimmed("tags", tags, violations);
        for (int i = 0; i < tagList.size(); i++) {
            if (!ConfigValidator.NAME.matcher(tagList.get(i)).matches()) {
                violations.add(new Violation("tags[" + i + "]",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
        }
        violations.addAll(validator.validate(new ConsumerSpec(id, name, consumerStatus, groupList, planId)));
        if (!violations.isEmpty()) {
            // One message per field: a null entry is reported once, not again as an invalid name.
            Map<String, Violation> byField = new LinkedHashMap<>();
            violations.forEach(v -> byField.putIfAbsent(v.field(), v));
            throw new InvalidInputException(List.copyOf(byField.values()));
        }
        // Repeats carry no meaning; stored once each, in the order given.
        return new Fields(new ConsumerSpec(id, name, consumerStatus, List.copyOf(new LinkedHashSet<>(groupList)),
                planId), description == null ? "" : description.strip(), List.copyOf(new LinkedHashSet<>(tagList)));
    }

    /** The list with entries trimmed; a null entry is reported and kept as "" so indices stay the client's. */
    private static List<String> trimmed(String field, List<String> values, List<Violation> violations) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(new Violation(field + "[" + i + "]", "must not be null"));
                out.add("");
            } else {
                out.add(values.get(i).trim());
            }
        }
        return out;
    }

    private void requireFreeName(ConsumerSpec spec) {
        if (repository.existsByNameAndIdNot(spec.name(), UUID.fromString(spec.id()))) {
            throw new ConflictException(ConflictException.DUPLICATE_NAME,
                    "a consumer named '" + spec.name() + "' already exists");
        }
    }

    private StoredConsumer require(String idOrName) {
        return lookup(idOrName).orElseThrow(() -> new NotFoundException("no consumer '" + idOrName + "'"));
    }

    private Optional<StoredConsumer> lookup(String idOrName) {
        return Ids.lookup(idOrName, repository::findById, repository::findByName);
    }

    private List<ConsumerView> views(List<StoredConsumer> consumers) {
        if (consumers.isEmpty()) {
            return List.of();
        }
        Map<String, String> planNames = plans.namesById();
        List<String> ids = consumers.stream().map(c -> c.getId().toString()).toList();
        Map<String, Long> active = new HashMap<>();
        keys.forEach(k -> k.activeKeys(ids).forEach((id, n) -> active.merge(id, n, Long::sum)));
        return consumers.stream().map(c -> c.toView(c.planId() == null ? null
                        : planNames.getOrDefault(c.planId().toString(), c.planId().toString()),
                active.getOrDefault(c.getId().toString(), 0L))).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Fields(ConsumerSpec spec, String description, List<String> tags) {
    }
}
