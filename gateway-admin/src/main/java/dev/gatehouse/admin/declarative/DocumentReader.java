package dev.gatehouse.admin.declarative;

import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a document's tree and splits it into its objects: {@code gatehouse: 1} first, then only the known kinds,
 * each a list of objects that bind to their API request record exactly as the API would bind them (unknown fields
 * and wrong types refused), each with a name given once per kind. Every problem is reported at once, named by its
 * path in the file.
 */
final class DocumentReader {

    /** The field name of a problem with the document as a whole. */
    static final String WHOLE = "(document)";
    /** The key holding the format version. */
    static final String VERSION_KEY = "gatehouse";
    /** The only format version there is. */
    static final int VERSION = 1;

    private static final String KEYS = Stream.concat(Stream.of(VERSION_KEY),
            Stream.of(DocumentKind.values()).map(DocumentKind::key)).collect(Collectors.joining(", "));

    private final JsonMapper api;

    /** @param api the mapper the REST API binds request bodies with (strict, item limits) */
    DocumentReader(JsonMapper api) {
        this.api = api;
    }

    /**
     * The document's objects and the kinds it lists, or {@link DocumentInvalidException}.
     *
     * @param objects every object, in file order
     * @param listed  the kinds the file has a key for (prune only deletes objects of these)
     */
    record Parsed(List<FileObject> objects, Set<DocumentKind> listed) {
    }

    Parsed read(JsonNode document) {
        List<Violation> errors = new ArrayList<>();
        if (document == null || !document.isObject()) {
            throw new DocumentInvalidException(List.of(new Violation(WHOLE,
                    "must be a mapping starting with '" + VERSION_KEY + ": " + VERSION + "'")));
        }
        JsonNode version = document.get(VERSION_KEY);
        if (version == null || version.isNull()) {
            errors.add(new Violation(VERSION_KEY, "is required: the format version, " + VERSION));
        } else if (!version.isIntegralNumber() || version.asLong() != VERSION) {
            errors.add(new Violation(VERSION_KEY, "must be " + VERSION + ", the only format version this admin reads"));
        }
        List<FileObject> objects = new ArrayList<>();
        Set<DocumentKind> listed = EnumSet.noneOf(DocumentKind.class);
        for (Map.Entry<String, JsonNode> entry : document.properties()) {
            if (entry.getKey().equals(VERSION_KEY)) {
                continue;
            }
            DocumentKind kind = DocumentKind.ofKey(entry.getKey());
            if (kind == null) {
                errors.add(new Violation(entry.getKey(), "is not a known field (the document holds " + KEYS + ")"));
                continue;
            }
            listed.add(kind);
            JsonNode list = entry.getValue();
            if (list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                errors.add(new Violation(kind.key(), "must be a list"));
                continue;
            }
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String path = kind.key() + "[" + i + "]";
                JsonNode element = list.get(i);
                if (!(element instanceof ObjectNode object)) {
                    errors.add(new Violation(path, "must be an object"));
                    continue;
                }
                ObjectNode form = (ObjectNode) DocumentForms.withoutNulls(object);
                List<Violation> bound = bind(kind, path, form);
                errors.addAll(bound);
                JsonNode name = form.get("name");
                if (name == null || !name.isString() || name.stringValue().isBlank()) {
                    if (bound.stream().noneMatch(v -> v.field().equals(path + ".name"))) {
                        errors.add(new Violation(path + ".name", "is required: objects are matched by name"));
                    }
                    continue;
                }
                String previous = seen.putIfAbsent(name.stringValue(), path);
                if (previous != null) {
                    errors.add(new Violation(path + ".name", "'" + name.stringValue() + "' is given twice (also "
                            + previous + ")"));
                    continue;
                }
                objects.add(new FileObject(kind, path, name.stringValue(), form));
            }
        }
        if (!errors.isEmpty()) {
            throw new DocumentInvalidException(errors);
        }
        return new Parsed(objects, listed);
    }

    /** The problems binding the form to its request record, each at its path in the file. */
    List<Violation> bind(DocumentKind kind, String path, ObjectNode form) {
        try {
            api.treeToValue(form, kind.requestType());
            return List.of();
        } catch (JacksonException e) {
            return List.of(violation(path, e));
        }
    }

    /** Binds a form known to be well-formed. */
    Record request(DocumentKind kind, ObjectNode form) {
        return api.treeToValue(form, kind.requestType());
    }

    static Violation violation(String path, JacksonException e) {
        String field = path + suffix(e);
        String message;
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            message = "must be " + describe(mismatch.getTargetType());
        } else {
            String original = String.valueOf(e.getOriginalMessage());
            int newline = original.indexOf('\n');
            message = "is invalid: " + (newline < 0 ? original : original.substring(0, newline));
        }
        return new Violation(field, message);
    }

    private static String suffix(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
