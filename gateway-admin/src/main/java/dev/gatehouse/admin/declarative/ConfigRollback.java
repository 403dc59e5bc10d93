package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.history.RevisionState;
import dev.gatehouse.admin.history.RevisionStates;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rolls the configuration back to a past revision, as one new revision labelled {@code rollback to revision N}
 * (history is never rewritten), through the same path as an import. Services, plans, policies and routes are
 * restored exactly: re-created, updated back, or deleted when they did not exist then. Consumers are restored in
 * their settings (status, groups, plan; a deleted one is re-created without keys), but one created after the
 * revision is kept, since deleting it would delete its API keys. Keys and the cluster settings are never touched,
 * and a secret is never resurrected: the history holds none, so the current one is kept, and a rollback that would
 * need one that no longer exists (a deleted JWT route's HS256 secret) is refused naming the object.
 */
@Service
public class ConfigRollback {

    private final ObjectProvider<RevisionStates> history;
    private final ConfigApplier applier;
    private final DocumentForms forms;
    private final ConfigJson json;

    ConfigRollback(ObjectProvider<RevisionStates> history, ConfigApplier applier, DocumentForms forms,
                   ConfigJson json) {
        this.history = history;
        this.applier = applier;
        this.forms = forms;
        this.json = json;
    }

    /** Whether this admin records the history a rollback needs. */
    public boolean available() {
        return history.getIfAvailable() != null;
    }

    /**
     * Rolls back to {@code revision}, or for a dry run answers what that would change.
     *
     * @throws dev.gatehouse.admin.web.NotFoundException when the revision is outside the recorded history
     * @throws HistoryUnavailableException               when no history is recorded
     */
    public ChangeAnswer rollback(long revision, boolean dryRun, Long ifRevision) {
        RevisionStates states = history.getIfAvailable();
        if (states == null) {
            throw new HistoryUnavailableException();
        }
        return applier.apply("rollback to revision " + revision, dryRun, ifRevision, true,
                (current, errors) -> plan(states.at(revision), current));
    }

    /** What restoring {@code state} means against the configuration as it is now. */
    ConfigApplier.Plan plan(RevisionState state, Configuration current) {
        Map<String, String> names = new HashMap<>();
        for (DocumentKind kind : DocumentKind.values()) {
            current.all(kind).forEach(object -> names.put(object.id(), object.name()));
        }
        for (RevisionState.ObjectAt object : state.changed()) {
            if (object.then() != null) {
                names.put(object.id(), object.name());
            }
        }
        DocumentForms.Names byId = (kind, id) -> names.getOrDefault(id, id);
        Map<String, DocObject> adopted = adoptions(state, current);
        List<ConfigApplier.Upsert> upserts = new ArrayList<>();
        List<ConfigApplier.Deletion> deletions = new ArrayList<>();
        List<ChangeAnswer.Kept> kept = new ArrayList<>();
        for (RevisionState.ObjectAt object : state.changed()) {
            DocumentKind kind = DocumentKind.of(object.kind());
            if (kind == null) {
                continue;
            }
            DocObject now = current.withId(object.id());
            if (object.then() == null) {
                if (now == null || adopted.containsValue(now)) {
                    continue;
                }
                if (kind == DocumentKind.CONSUMERS) {
                    kept.add(new ChangeAnswer.Kept(kind.singular(), now.name(), "created after revision "
                            + state.revision() + "; deleting it would delete its API keys, so a rollback keeps it"));
                } else {
                    deletions.add(new ConfigApplier.Deletion(now, DeclarativeConfig.label(kind, now.name())));
                }
                continue;
            }
            if (now == null) {
                now = adopted.get(object.id());
            }
            ObjectNode form = formAt(kind, object.then(), now, byId);
            upserts.add(new ConfigApplier.Upsert(new FileObject(kind, DeclarativeConfig.label(kind, object.name()),
                    object.name(), form), now));
        }
        return new ConfigApplier.Plan(upserts, deletions, kept);
    }

    /**
     * Objects deleted since the revision whose name an object created since now carries, by the deleted one's id:
     * the newer object stands for the older one (it is updated back, not deleted and re-created). This is what a
     * rollback that re-created a deleted object leaves behind, so rolling back to the same revision again finds
     * nothing to change.
     */
    private static Map<String, DocObject> adoptions(RevisionState state, Configuration current) {
        Set<String> createdSince = new HashSet<>();
        for (RevisionState.ObjectAt object : state.changed()) {
            if (object.then() == null) {
                createdSince.add(object.id());
            }
        }
        Map<String, DocObject> adopted = new HashMap<>();
        for (RevisionState.ObjectAt object : state.changed()) {
            DocumentKind kind = DocumentKind.of(object.kind());
            if (kind == null || object.then() == null || current.withId(object.id()) != null) {
                continue;
            }
            current.all(kind).stream()
                    .filter(candidate -> candidate.name().equals(object.name()) && createdSince.contains(candidate.id()))
                    .findFirst()
                    .ifPresent(candidate -> adopted.put(object.id(), candidate));
        }
        return adopted;
    }

    /** The document form of an object's contract JSON; what the contract does not hold is kept from now. */
    private ObjectNode formAt(DocumentKind kind, JsonNode then, DocObject now, DocumentForms.Names names) {
        String text = then.toString();
        return switch (kind) {
            case SERVICES -> forms.service(json.read(text, ServiceSpec.class));
            case PLANS -> forms.plan(json.read(text, PlanSpec.class), current(now, "description"));
            case POLICIES -> forms.policy(json.read(text, PolicySpec.class), names);
            case ROUTES -> forms.route(json.read(text, RouteSpec.class), names);
            case CONSUMERS -> forms.consumer(json.read(text, ConsumerSpec.class), current(now, "description"),
                    currentList(now, "tags"), names);
        };
    }

    private static String current(DocObject now, String field) {
        return now == null || !now.form().hasNonNull(field) ? null : now.form().get(field).asString();
    }

    private static List<String> currentList(DocObject now, String field) {
        if (now == null || !now.form().has(field)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        now.form().get(field).forEach(element -> out.add(element.asString()));
        return out;
    }
}
