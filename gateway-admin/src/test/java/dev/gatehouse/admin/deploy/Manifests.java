package dev.gatehouse.admin.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/**
 * Kubernetes objects as rendered by {@code kubectl kustomize}, with the few lookups the deployment tests need.
 *
 * @param objects every document, as plain maps
 */
record Manifests(List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc != null) {
                objects.add((Map<String, Object>) doc);
            }
        }
        return new Manifests(List.copyOf(objects));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(get(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    /** The pod template's spec of a Deployment. */
    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(get(deployment, "spec", "template", "spec"));
    }

    /** The one container of a Deployment. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec(deployment).get("containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in " + get(deployment, "metadata", "name"));
        }
        return containers.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** The value at a path of keys, or null. */
    static Object get(Map<String, Object> object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    private List<String> names() {
        return objects.stream().map(o -> o.get("kind") + "/" + get(o, "metadata", "name"))
                .map(Objects::toString).toList();
    }
}
