package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the node's packages honest, as the admin's {@code PackageDependenciesTests} does for the admin: each direct
 * sub-package of {@code dev.gatehouse.runtime} is a module, except that each policy under {@code policy} is a
 * module of its own ({@code policy.cors}, ...; {@code policy} itself holds what they share), and no dependency
 * between modules may lie on a cycle. The root package, {@code error}, {@code node}, {@code requestid} and
 * {@code scg} (what knows Spring Cloud Gateway beyond its filter contract) may be
 * used by everyone and so use no other module. Reads the main sources: every {@code dev.gatehouse.runtime...}
 * reference outside comments and literals is a dependency. (A test cannot be shared between Maven modules without
 * a test jar, hence a second, smaller copy of the admin's idea rather than its code.)
 */
class PackageDependenciesTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/gatehouse/runtime");
    private static final String ROOT = "(root)";
    private static final Set<String> GROUPS = Set.of("policy");
    private static final Set<String> SHARED = Set.of(ROOT, "error", "node", "requestid", "scg");
    /** The package part of a reference: lower-case segments, up to the first type name. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.gatehouse\\.runtime((?:\\.[a-z_][\\w$]*)*)");
    /** Comments and string, text block and char literals, whichever starts first. */
    private static final Pattern NOISE = Pattern.compile(
            "(?s)//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*+\"|'(?:\\\\.|[^'\\\\])++'");

    @Test
    void noDependencyLiesOnACycle() {
        assertThat(cyclic(scan())).as("dependencies on a package cycle").isEmpty();
    }

    @Test
    void sharedPackagesUseNoModule() {
        Map<String, Map<String, Set<String>>> graph = scan();
        for (String shared : SHARED) {
            assertThat(graph.getOrDefault(shared, Map.of()).keySet()).as("modules used by %s", shared)
                    .allSatisfy(target -> assertThat(target).isIn(SHARED));
        }
    }

    @Test
    void scanSeesTheModulesAndTheirDependencies() {
        Map<String, Map<String, Set<String>>> graph = scan();
        // guards against a scan that finds nothing and so passes vacuously
        assertThat(graph).containsKeys(ROOT, "sync", "calllog", "policy", "policy.resilience", "error");
        assertThat(graph.get("calllog")).containsKeys(ROOT, "node", "live");
        assertThat(graph.get("policy.cors")).containsKeys("live", "error");
        assertThat(graph.get("composite")).containsKeys("live", "policy.resilience", "calllog");
        // policies (and composite routes, which reuse the resilience policies) read the call from
        // call.GatehouseCall, not attribute names from the proxy
        for (String policy : List.of("policy.cors", "policy.ip", "policy.size", "policy.transform",
                "policy.resilience", "policy.ratelimit", "auth", "composite")) {
            assertThat(graph.get(policy)).as(policy).doesNotContainKey("proxy");
        }
        // heartbeats gather the other packages' state through node.HeartbeatContributor
        assertThat(graph.get("sync")).containsKeys("node", "live")
                .doesNotContainKeys("calllog", "auth", "policy.ratelimit", "policy.resilience");
    }

    @Test
    void findsTheDependenciesOnACycleAndReadsOnlyCode() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        add(graph, "a", "b", "a/A.java");
        add(graph, "b", "c", "b/B.java");
        add(graph, "c", "a", "c/C.java");
        add(graph, "c", "d", "c/C.java");
        assertThat(cyclic(graph)).containsExactly("a -> b [a/A.java]", "b -> c [b/B.java]", "c -> a [c/C.java]");

        String source = """
                package dev.gatehouse.runtime.a;
                import dev.gatehouse.runtime.policy.cors.CorsFilter;
                /** See {@link dev.gatehouse.runtime.c.Documented}. */
                class A { // dev.gatehouse.runtime.d.Comment
                    String s = "dev.gatehouse.runtime.e.Text" + '"';
                    Object o = new dev.gatehouse.runtime.GatehouseProperties(null, null, null, null);
                    Object p = dev.gatehouse.runtime.policy.PolicyContext.class;
                }
                """;
        assertThat(references(source)).containsExactlyInAnyOrder("a", "policy.cors", ROOT, "policy");
    }

    /** Module to the modules it uses, each with the files (relative to the runtime package) that use it. */
    private static Map<String, Map<String, Set<String>>> scan() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                List<String> packages = new ArrayList<>();
                relative.forEach(name -> packages.add(name.toString()));
                String from = module(packages.subList(0, packages.size() - 1));
                graph.computeIfAbsent(from, k -> new TreeMap<>());
                for (String to : references(Files.readString(file))) {
                    if (!to.equals(from)) {
                        add(graph, from, to, String.join("/", packages));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static Set<String> references(String source) {
        Set<String> modules = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(NOISE.matcher(source).replaceAll(" "));
        while (matcher.find()) {
            String packages = matcher.group(1);
            modules.add(module(packages.isEmpty() ? List.of() : List.of(packages.substring(1).split("\\."))));
        }
        return modules;
    }

    /** The module of a package given by its segments below the runtime package. */
    private static String module(List<String> packages) {
        if (packages.isEmpty()) {
            return ROOT;
        }
        return GROUPS.contains(packages.get(0)) && packages.size() > 1
                ? packages.get(0) + "." + packages.get(1) : packages.get(0);
    }

    private static void add(Map<String, Map<String, Set<String>>> graph, String from, String to, String file) {
        graph.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>()).add(file);
    }

    /** Each dependency whose target leads back to its source, as {@code from -> to [files]}. */
    private static List<String> cyclic(Map<String, Map<String, Set<String>>> graph) {
        List<String> cyclic = new ArrayList<>();
        graph.forEach((from, targets) -> targets.forEach((to, files) -> {
            if (reaches(graph, to, from)) {
                cyclic.add(from + " -> " + to + " " + files);
            }
        }));
        return cyclic;
    }

    private static boolean reaches(Map<String, Map<String, Set<String>>> graph, String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(from));
        while (!next.isEmpty()) {
            String module = next.pop();
            if (module.equals(to)) {
                return true;
            }
            if (seen.add(module)) {
                next.addAll(graph.getOrDefault(module, Map.of()).keySet());
            }
        }
        return false;
    }
}
