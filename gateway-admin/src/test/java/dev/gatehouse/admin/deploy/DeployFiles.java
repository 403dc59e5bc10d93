package dev.gatehouse.admin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's deployment files as tests read them: the {@code deploy/} directory, every PromQL expression of
 * the Grafana dashboards and the Prometheus alert rules, and the README. Tests run in the module directory, so
 * the repository root is its parent.
 */
final class DeployFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
    static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");

    private DeployFiles() {
    }

    /** Every PromQL expression of the dashboards and alert rules, keyed by where it is (file and panel or alert). */
    static Map<String, String> expressions() {
        Map<String, String> found = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collect(json.readTree(Files.readString(file)), file.getFileName().toString(), found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> rule : alertRules().entrySet()) {
            found.put("alerts.yml " + rule.getKey(), rule.getValue());
        }
        return found;
    }

    /** Alert name to expression. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertRules() {
        Map<String, String> rules = new LinkedHashMap<>();
        Map<String, Object> doc = new Yaml().load(read(ALERTS));
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
                rules.put(name, String.valueOf(rule.get("expr")));
            }
        }
        return rules;
    }

    /** Panel targets' {@code expr} and template variables' queries, wherever they are nested. */
    private static void collect(JsonNode node, String where, Map<String, String> found) {
        if (node.isObject()) {
            String here = node.has("title") ? where + " / " + node.get("title").asString()
                    : node.has("name") && node.get("name").isString() ? where + " / $" + node.get("name").asString()
                    : where;
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isString()) {
                found.put(here + " [" + node.path("refId").asString("") + "]", expr.asString());
            }
            JsonNode query = node.get("query");
            if (query != null && query.isObject() && query.has("query") && "query".equals(node.path("type").asString(""))) {
                found.put(here + " (variable)", query.get("query").asString());
            }
            List<String> names = new ArrayList<>();
            node.propertyNames().forEach(names::add);
            for (String name : names) {
                collect(node.get(name), here, found);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, where, found);
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
