package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.input.ApiInputProperties;
import dev.gatehouse.admin.web.Redaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Declarative configuration: the whole configuration (or a {@link Selection}) exported as one document, and a
 * document imported as one revision. See {@code docs/adr/013-declarative-configuration.md}.
 */
@Service
public class DeclarativeConfig {

    /** The revision label of an import. */
    static final String IMPORT_REASON = "import";

    private final DocumentForms forms;
    private final ConfigApplier applier;
    private final DocumentFormat format;
    private final DocumentReader reader;

    DeclarativeConfig(DocumentForms forms, ConfigApplier applier, JsonMapper mapper, ApiInputProperties limits) {
        this.forms = forms;
        this.applier = applier;
        this.format = new DocumentFormat(limits.maxImportBodySize().toBytes());
        this.reader = new DocumentReader(mapper);
    }

    /**
     * Options of an import.
     *
     * @param dryRun     answer what would change, change nothing
     * @param prune      delete the objects of the kinds the file lists that it does not describe, within the
     *                   selection
     * @param selection  limits what prune deletes
     * @param ifRevision refuse unless the configuration is at this revision; null for any
     */
    public record ImportOptions(boolean dryRun, boolean prune, Selection selection, Long ifRevision) {

        public ImportOptions(boolean dryRun, boolean prune, String tag, String service, Long ifRevision) {
            this(dryRun, prune, new Selection(tag, service), ifRevision);
        }
    }

    /** The current configuration (or the part {@code tag}/{@code service} select) as a document, secrets redacted. */
    @Transactional(readOnly = true)
    public byte[] export(DocumentFormat.Kind kind, String tag, String service) {
        return format.write(document(new Selection(tag, service)), kind);
    }

    ObjectNode document(Selection selection) {
        Configuration current = forms.current();
        Predicate<DocObject> selected = selection.in(current);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put(DocumentReader.VERSION_KEY, DocumentReader.VERSION);
        for (DocumentKind kind : selection.kinds()) {
            ArrayNode list = document.putArray(kind.key());
            for (DocObject object : current.all(kind)) {
                if (selected.test(object)) {
                    list.add(Redaction.before(object.form()));
                }
            }
        }
        return document;
    }

    /**
     * Imports a document (YAML or JSON by {@code kind}) as one revision labelled {@code import}; any problem
     * refuses it whole with {@link DocumentInvalidException}.
     */
    public ChangeAnswer importDocument(byte[] body, DocumentFormat.Kind kind, ImportOptions options) {
        DocumentReader.Parsed parsed = reader.read(format.read(body, kind));
        return applier.apply(IMPORT_REASON, options.dryRun(), options.ifRevision(), false, (current, errors) -> {
            List<ConfigApplier.Upsert> upserts = new ArrayList<>();
            Set<String> described = new HashSet<>();
            for (FileObject object : parsed.objects()) {
                upserts.add(new ConfigApplier.Upsert(object, current.named(object.kind(), object.name())));
                described.add(object.kind() + "/" + object.name());
            }
            List<ConfigApplier.Deletion> deletions = new ArrayList<>();
            if (options.prune()) {
                Predicate<DocObject> selected = options.selection().in(current);
                for (DocumentKind listed : parsed.listed()) {
                    for (DocObject object : current.all(listed)) {
                        if (selected.test(object) && !described.contains(listed + "/" + object.name())) {
                            deletions.add(new ConfigApplier.Deletion(object, label(listed, object.name())));
                        }
                    }
                }
            }
            return new ConfigApplier.Plan(upserts, deletions, List.of());
        });
    }

    /** How errors name an object that has no place in a file (a pruned one, a rolled back one). */
    static String label(DocumentKind kind, String name) {
        return kind.key() + "[name=" + name + "]";
    }
}
