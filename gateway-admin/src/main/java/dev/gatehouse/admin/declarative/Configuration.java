package dev.gatehouse.admin.declarative;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A whole configuration in document form: every object by kind, sorted by name, and by id. */
final class Configuration {

    private final Map<DocumentKind, TreeMap<String, DocObject>> byKind = new EnumMap<>(DocumentKind.class);
    private final Map<String, DocObject> byId = new HashMap<>();

    Configuration() {
        for (DocumentKind kind : DocumentKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
    }

    void add(DocObject object) {
        byKind.get(object.kind()).put(object.name(), object);
        if (object.id() != null) {
            byId.put(object.id(), object);
        }
    }

    /** The objects of one kind, by name. */
    Collection<DocObject> all(DocumentKind kind) {
        return byKind.get(kind).values();
    }

    /** The object of this kind and name, or null. */
    DocObject named(DocumentKind kind, String name) {
        return byKind.get(kind).get(name);
    }

    /** The object with this id, or null. */
    DocObject withId(String id) {
        return id == null ? null : byId.get(id);
    }
}
