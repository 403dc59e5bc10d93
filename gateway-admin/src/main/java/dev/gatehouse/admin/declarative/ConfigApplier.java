package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.history.ObjectChange;
import dev.gatehouse.admin.publish.ConfigPublisher;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.FieldDiff;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.Violation;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a set of document objects to the configuration, for imports and rollbacks alike: in one transaction, as
 * one revision (a {@link ConfigPublisher#inBatch batch}), through the features' services so every rule of the API
 * applies; creations and updates in dependency order, deletions the other way. Every error is collected and named
 * by the object's path in the document, and any error rolls everything back. A dry run does exactly the same work
 * and rolls it back at the end, so what it answers is what applying would do. An object the request describes as
 * it already is is not written at all, and a request that changes nothing commits no revision.
 */
@Component
class ConfigApplier {

    private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);

    private final ConfigPublisher publisher;
    private final DocumentForms forms;
    private final FeatureWriter writer;
    private final DocumentReader reader;
    private final PlatformTransactionManager transactions;
    private final EntityManager entities;

    ConfigApplier(ConfigPublisher publisher, DocumentForms forms, FeatureWriter writer, JsonMapper mapper,
                  PlatformTransactionManager transactions, EntityManager entities) {
        this.entities = entities;
        this.publisher = publisher;
        this.forms = forms;
        this.writer = writer;
        this.reader = new DocumentReader(mapper);
        this.transactions = transactions;
    }

    /**
     * Make an object as described: update {@code current} (found by its id) or, when null, create it.
     */
    record Upsert(FileObject object, DocObject current) {
    }

    /** Delete an object; {@code path} names it in errors. */
    record Deletion(DocObject object, String path) {
    }

    /** What a request wants done, worked out against the configuration as it is now. */
    record Plan(List<Upsert> upserts, List<Deletion> deletions, List<ChangeAnswer.Kept> kept) {
    }

    /** Works out the plan under the configuration lock; adds to {@code errors} what makes it impossible. */
    interface Planner {
        Plan plan(Configuration current, List<Violation> errors);
    }

    /**
     * Applies what {@code planner} plans against the configuration as it is once locked.
     *
     * @param reason     the revision's label ({@code import}, {@code rollback to revision 42})
     * @param dryRun     whether to roll everything back at the end
     * @param ifRevision the revision the request was based on, refused with {@link StaleRevisionException} when
     *                   it is not the current one; null to apply to whatever is current
     * @param kept       whether the answer lists kept objects (rollbacks do, imports do not)
     */
    ChangeAnswer apply(String reason, boolean dryRun, Long ifRevision, boolean kept, Planner planner) {
        long started = System.nanoTime();
        ChangeAnswer answer = new TransactionTemplate(transactions).execute(status -> {
            ConfigPublisher.Batched<Outcome> batched = publisher.inBatch(reason, () -> work(ifRevision, planner));
            if (dryRun || batched.revision().isEmpty()) {
                status.setRollbackOnly();
            }
            Outcome outcome = batched.value();
            Long revision = dryRun || batched.revision().isEmpty() ? null : batched.revision().getAsLong();
            return new ChangeAnswer(dryRun, revision, outcome.changes(), outcome.unchanged(),
                    kept ? outcome.kept() : null);
        });
        log.info("{}{}: {} changed, {} unchanged, revision {}, in {} ms", dryRun ? "dry run of " : "", reason,
                answer.changes().size(), answer.unchanged(), answer.revision(),
                (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private record Outcome(List<ObjectChange> changes, int unchanged, List<ChangeAnswer.Kept> kept) {
    }

    private record Prepared(Upsert upsert, ObjectNode form, Record request) {
    }

    private Outcome work(Long ifRevision, Planner planner) {
        ConfigWrite write = publisher.begin();
        long current = write.revision() - 1;
        if (ifRevision != null && ifRevision != current) {
            throw new StaleRevisionException(current, ifRevision);
        }
        Configuration before = forms.current();
        List<Violation> errors = new ArrayList<>();
        Plan plan = planner.plan(before, errors);
        List<Prepared> prepared = new ArrayList<>();
        for (Upsert upsert : plan.upserts()) {
            FileObject object = upsert.object();
            ObjectNode form = KeptSecrets.fill(object.form(), upsert.current() == null ? null
                    : upsert.current().form(), object.path(), errors);
            form = Defaults.complete(object.kind(), form);
            List<Violation> bound = reader.bind(object.kind(), object.path(), form);
            errors.addAll(bound);
            if (bound.isEmpty()) {
                prepared.add(new Prepared(upsert, form, reader.request(object.kind(), form)));
            }
        }
        refuse(errors);
        deletions(plan, DocumentKind.POLICIES, errors);
        for (DocumentKind kind : DocumentKind.APPLY_ORDER) {
            for (Prepared p : prepared) {
                FileObject object = p.upsert().object();
                DocObject now = p.upsert().current();
                if (object.kind() != kind) {
                    continue;
                }
                if (now == null) {
                    attempt(object.path(), () -> writer.create(kind, p.request()), errors);
                } else if (!same(p.form(), now.form())) {
                    attempt(object.path(), () -> writer.update(kind, now.id(), p.request()), errors);
                }
            }
        }
        for (DocumentKind kind : List.of(DocumentKind.CONSUMERS, DocumentKind.ROUTES, DocumentKind.PLANS,
                DocumentKind.SERVICES)) {
            deletions(plan, kind, errors);
        }
        refuse(errors);
        return outcome(plan, before, forms.current());
    }

    private void deletions(Plan plan, DocumentKind kind, List<Violation> errors) {
        for (Deletion deletion : plan.deletions()) {
            if (deletion.object().kind() == kind) {
                attempt(deletion.path(), () -> writer.delete(kind, deletion.object().id()), errors);
            }
        }
    }

    private static Outcome outcome(Plan plan, Configuration before, Configuration after) {
        List<ObjectChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (Upsert upsert : plan.upserts()) {
            FileObject object = upsert.object();
            DocObject then = upsert.current();
            DocObject now = then == null ? after.named(object.kind(), object.name()) : after.withId(then.id());
            if (now == null) {
                continue;
            }
            if (then != null && same(then.form(), now.form())) {
                unchanged++;
                continue;
            }
            changes.add(change(now, then == null ? null : then.form(),
                    now.form()));
        }
        for (Deletion deletion : plan.deletions()) {
            changes.add(change(deletion.object(), deletion.object().form(), null));
        }
        changes.sort(Comparator.comparing((ObjectChange c) -> DocumentKind.valueOf(kindKey(c)).ordinal())
                .thenComparing(ObjectChange::name));
        return new Outcome(changes, unchanged, plan.kept());
    }

    private static String kindKey(ObjectChange change) {
        for (DocumentKind kind : DocumentKind.values()) {
            if (kind.singular().equals(change.kind())) {
                return kind.name();
            }
        }
        throw new IllegalStateException(change.kind());
    }

    /** The object's change from {@code before} to {@code after} (null: absent), in the history's shape. */
    private static ObjectChange change(DocObject object, JsonNode before, JsonNode after) {
        return ObjectChange.between(object.kind().entityKind(), object.id(), object.name(), Redaction.before(before),
                Redaction.after(after, before));
    }

    /** Whether two forms say the same, field by field (so 5 and 5L, or another field order, are the same). */
    static boolean same(JsonNode a, JsonNode b) {
        return FieldDiff.flatten(a).equals(FieldDiff.flatten(b));
    }

    private static void refuse(List<Violation> errors) {
        if (!errors.isEmpty()) {
            throw new DocumentInvalidException(errors);
        }
    }

    /**
     * Runs one write; the refusals of the features become errors at the object's path. The persistence context is
     * emptied after each: the features read what they need again anyway, and with thousands of objects in one
     * transaction every query would otherwise first dirty-check all of them.
     */
    private void attempt(String path, Runnable write, List<Violation> errors) {
        try {
            write.run();
            entities.flush();
            entities.clear();
        } catch (InvalidInputException e) {
            for (Violation v : e.violations()) {
                boolean whole = v.field() == null || v.field().isEmpty() || v.field().equals("(body)");
                errors.add(new Violation(whole ? path : path + "." + v.field(), v.message()));
            }
        } catch (ConflictException e) {
            errors.add(new Violation(ConflictException.DUPLICATE_NAME.equals(e.code()) ? path + ".name" : path,
                    e.getMessage()));
        } catch (NotFoundException e) {
            errors.add(new Violation(path, e.getMessage()));
        }
    }
}
