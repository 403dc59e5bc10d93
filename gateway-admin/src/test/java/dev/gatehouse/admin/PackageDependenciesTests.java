package dev.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the admin's packages honest, in the spirit of Spring Modulith: each direct sub-package of
 * {@code dev.gatehouse.admin} is a module, and modules must not depend on each other in a cycle. The root
 * package and {@code web} may be used by everyone and so must use no module themselves; {@code security} may
 * be used by everyone only while it does not depend back, which the cycle check covers.
 * <p>
 * Reads the main sources, not bytecode: every {@code dev.gatehouse.admin.<module>} reference outside comments
 * and string literals (imports, static imports, fully qualified names) is a dependency.
 */
class PackageDependenciesTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/gatehouse/admin");
    private static final String ROOT = "(root)";
    private static final Set<String> SHARED = Set.of(ROOT, "web");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.gatehouse\\.admin\\.([A-Za-z_$][\\w$]*)");

    /**
     * Dependencies tolerated for now, each as the source file (relative to the admin package) and the module it
     * uses. Every entry must still exist: once the dependency is gone, delete the entry so it cannot hide a
     * new one.
     */
    private static final Map<String, String> TOLERATED = Map.of();

    @Test
    void modulesDoNotDependOnEachOtherInCycles() {
        Graph graph = Graph.scan(SOURCES);
        for (Map.Entry<String, String> tolerated : TOLERATED.entrySet()) {
            assertThat(graph.remove(tolerated.getKey(), tolerated.getValue()))
                    .as("tolerated dependency %s -> %s no longer exists; remove it from TOLERATED",
                            tolerated.getKey(), tolerated.getValue())
                    .isTrue();
        }

        assertThat(graph.cycles().stream().map(graph::describe).toList()).as("package cycles").isEmpty();
    }

    @Test
    void sharedPackagesUseNoModule() {
        Graph graph = Graph.scan(SOURCES);
        for (String shared : SHARED) {
            assertThat(graph.targets(shared)).as("modules used by %s", shared)
                    .allSatisfy(target -> assertThat(target).isIn(SHARED));
        }
    }

    @Test
    void scanSeesTheModulesAndTheirDependencies() {
        Graph graph = Graph.scan(SOURCES);
        // Guards against a scan that finds nothing and so passes vacuously.
        assertThat(graph.modules()).contains(ROOT, "upstream", "route", "publish", "web", "security");
        assertThat(graph.targets("route")).contains("upstream", "publish", "web");
        assertThat(graph.targets("upstream")).contains("publish", "web");
    }

    @Test
    void findsACycleThroughSeveralModules() {
        Graph graph = new Graph();
        graph.add("a", "b", "a/A.java");
        graph.add("b", "c", "b/B.java");
        graph.add("c", "a", "c/C.java");
        graph.add("c", "d", "c/C.java");
        graph.add("d", "web", "d/D.java");

        assertThat(graph.cycles()).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
        assertThat(graph.describe(graph.cycles().get(0)))
                .contains("a -> b (a/A.java)", "b -> c (b/B.java)", "c -> a (c/C.java)")
                .doesNotContain("d");
    }

    @Test
    void ignoresCommentsAndStrings() {
        String source = """
                package dev.gatehouse.admin.a;
                import dev.gatehouse.admin.b.Used;
                /** See {@link dev.gatehouse.admin.c.Documented}. */
                class A { // dev.gatehouse.admin.d.Comment
                    String s = "dev.gatehouse.admin.e.Text";
                    Object o = new dev.gatehouse.admin.GatehouseProperties(null, null, null, null);
                }
                """;
        assertThat(Graph.references(source)).containsExactlyInAnyOrder("a", "b", ROOT);
    }

    /** Module dependencies with the files that cause each. */
    static final class Graph {

        /** from -> to -> files. */
        private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

        static Graph scan(Path root) {
            Graph graph = new Graph();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Path relative = root.relativize(file);
                    String from = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
                    graph.edges.computeIfAbsent(from, k -> new TreeMap<>());
                    for (String to : references(Files.readString(file))) {
                        if (!to.equals(from)) {
                            graph.add(from, to, relative.toString().replace('\\', '/'));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return graph;
        }

        /** Modules the source refers to, the root package as {@value #ROOT}. */
        static Set<String> references(String source) {
            Set<String> modules = new TreeSet<>();
            Matcher matcher = REFERENCE.matcher(code(source));
            while (matcher.find()) {
                String name = matcher.group(1);
                modules.add(Character.isUpperCase(name.charAt(0)) ? ROOT : name);
            }
            return modules;
        }

        /** The source with comments and string, text block and char literals each replaced by a space. */
        static String code(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int n = source.length();
            int i = 0;
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    int newline = source.indexOf('\n', i);
                    i = newline < 0 ? n : newline;
                } else if (source.startsWith("/*", i)) {
                    i = after(source, "*/", i + 2);
                } else if (source.startsWith("\"\"\"", i)) {
                    i = after(source, "\"\"\"", i + 3);
                } else if (c == '"' || c == '\'') {
                    i++;
                    while (i < n && source.charAt(i) != c) {
                        i += source.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                } else {
                    out.append(c);
                    i++;
                    continue;
                }
                out.append(' ');
            }
            return out.toString();
        }

        /** Index just after the next {@code end} from {@code from}, or the end of the source. */
        private static int after(String source, String end, int from) {
            int at = source.indexOf(end, from);
            return at < 0 ? source.length() : at + end.length();
        }

        void add(String from, String to, String file) {
            edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>()).add(file);
            edges.computeIfAbsent(to, k -> new TreeMap<>());
        }

        /** Drops the dependency of one file on a module; whether there was one. */
        boolean remove(String file, String to) {
            for (Map<String, Set<String>> targets : edges.values()) {
                Set<String> files = targets.get(to);
                if (files != null && files.remove(file)) {
                    if (files.isEmpty()) {
                        targets.remove(to);
                    }
                    return true;
                }
            }
            return false;
        }

        Set<String> modules() {
            return edges.keySet();
        }

        Set<String> targets(String from) {
            return edges.getOrDefault(from, Map.of()).keySet();
        }

        /** Groups of modules that reach each other (strongly connected components of two or more), Tarjan. */
        List<Set<String>> cycles() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            List<Set<String>> cycles = new ArrayList<>();
            for (String module : edges.keySet()) {
                if (!index.containsKey(module)) {
                    connect(module, index, low, stack, cycles);
                }
            }
            return cycles;
        }

        private void connect(String module, Map<String, Integer> index, Map<String, Integer> low,
                             Deque<String> stack, List<Set<String>> cycles) {
            index.put(module, index.size());
            low.put(module, index.get(module));
            stack.push(module);
            for (String next : targets(module)) {
                if (!index.containsKey(next)) {
                    connect(next, index, low, stack, cycles);
                    low.put(module, Math.min(low.get(module), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(module, Math.min(low.get(module), index.get(next)));
                }
            }
            if (low.get(module).equals(index.get(module))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(module));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }

        /** The dependencies inside a cycle, each with the files that cause it. */
        String describe(Set<String> cycle) {
            return cycle.stream()
                    .flatMap(from -> edges.get(from).entrySet().stream()
                            .filter(e -> cycle.contains(e.getKey()))
                            .map(e -> from + " -> " + e.getKey() + " (" + String.join(", ", e.getValue()) + ")"))
                    .collect(Collectors.joining("; ", "cycle " + cycle + ": ", ""));
        }
    }
}
