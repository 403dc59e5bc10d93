package dev.gatehouse.admin.deploy;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Configuration reference": the environment variables it documents for the admin and for a runtime
 * node (the first column of the two tables, where a row may name several, e.g. {@code `A`, `B`}). It is the one
 * list deployment files may draw from: a variable they set that it lacks is a setting nobody can look up.
 *
 * @param admin variables of the admin's table
 * @param node  variables of the runtime node's table
 */
record ConfigurationReference(Set<String> admin, Set<String> node) {

    private static final Pattern ROW_NAMES = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    /** The README, or the file named by {@code -Dgatehouse.readme} (to check proposed text before it is merged). */
    static ConfigurationReference readme() {
        Path readme = Path.of(System.getProperty("gatehouse.readme", DeployFiles.ROOT.resolve("README.md").toString()));
        return parse(DeployFiles.read(readme));
    }

    static ConfigurationReference parse(String markdown) {
        String section = between(markdown, "\n## Configuration reference", "\n## ");
        String admin = between(section, "\n### Admin", "\n### ");
        String node = between(section, "\n### Runtime node", "\n### ");
        return new ConfigurationReference(names(admin), names(node));
    }

    /** The variables of {@code set} the admin's table lacks. */
    Set<String> missingForAdmin(Set<String> set) {
        Set<String> missing = new TreeSet<>(set);
        missing.removeAll(admin);
        return missing;
    }

    /** The variables of {@code set} the runtime node's table lacks. */
    Set<String> missingForNode(Set<String> set) {
        Set<String> missing = new TreeSet<>(set);
        missing.removeAll(node);
        return missing;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            throw new AssertionError("README has no '" + start.trim() + "'");
        }
        int to = text.indexOf(end, from + start.length());
        return to < 0 ? text.substring(from) : text.substring(from, to);
    }

    private static Set<String> names(String table) {
        Set<String> names = new TreeSet<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = ROW_NAMES.matcher(firstCell);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        if (names.isEmpty()) {
            throw new AssertionError("no variables found in the README table:\n" + table);
        }
        return names;
    }
}
