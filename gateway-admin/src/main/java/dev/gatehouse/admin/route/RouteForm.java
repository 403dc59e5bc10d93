package dev.gatehouse.admin.route;

import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's route form. Hosts and paths are typed one per line (commas work too); methods are checkboxes.
 * Holds only what an admin may edit; id and timestamps stay on the server.
 */
public class RouteForm {

    // Lines or commas separate entries; spaces inside an entry stay, so the error quotes what was typed.
    private static final Pattern SEPARATORS = Pattern.compile("[,\\r\\n]+");
    private static final Pattern LIST_FIELD = Pattern.compile("(hosts|paths|methods)(?:\\[(\\d+)])?");

    private String name;
    private String service;
    private String hosts;
    private String paths;
    private String pathMatch = "prefix";
    private List<String> methods = new ArrayList<>();
    private boolean stripPrefix;
    private Integer priority = 0;
    private boolean enabled = true;

    /** The form filled from an existing route. */
    static RouteForm from(RouteView route) {
        RouteForm form = new RouteForm();
        form.name = route.name();
        form.service = route.service();
        form.hosts = String.join("\n", route.hosts());
        form.paths = String.join("\n", route.paths());
        form.pathMatch = route.pathMatch() == null ? "prefix" : route.pathMatch().toLowerCase(Locale.ROOT);
        form.methods = new ArrayList<>(route.methods());
        form.stripPrefix = route.stripPrefix();
        form.priority = route.priority();
        form.enabled = route.enabled();
        return form;
    }

    /** The request for the route API. */
    RouteRequest toRequest() {
        return new RouteRequest(name, service, split(hosts), split(paths), pathMatch, List.copyOf(methods),
                stripPrefix, priority, enabled);
    }

    /**
     * The form field that shows a violation of the route API. A list entry ({@code paths[1]}) shows on its
     * text box, quoting the entry so the admin sees which line is meant.
     */
    Violation toFormField(Violation violation) {
        Matcher list = LIST_FIELD.matcher(violation.field());
        if (list.matches()) {
            String field = list.group(1);
            if (list.group(2) == null) {
                return violation;
            }
            List<String> entries = switch (field) {
                case "hosts" -> split(hosts);
                case "paths" -> split(paths);
                default -> methods;
            };
            int index = Integer.parseInt(list.group(2));
            String entry = index < entries.size() ? entries.get(index) : "#" + (index + 1);
            return new Violation(field, "\u201c" + entry + "\u201d " + violation.message());
        }
        return switch (violation.field()) {
            case "name", "service", "pathMatch", "priority", "stripPrefix", "enabled" -> violation;
            default -> new Violation(null, violation.message());
        };
    }

    /** Entries of a text box: one per line or comma, trimmed, blanks dropped. */
    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(text)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getHosts() {
        return hosts;
    }

    public void setHosts(String hosts) {
        this.hosts = hosts;
    }

    public String getPaths() {
        return paths;
    }

    public void setPaths(String paths) {
        this.paths = paths;
    }

    public String getPathMatch() {
        return pathMatch;
    }

    public void setPathMatch(String pathMatch) {
        this.pathMatch = pathMatch;
    }

    public List<String> getMethods() {
        return methods;
    }

    public void setMethods(List<String> methods) {
        this.methods = methods == null ? new ArrayList<>() : new ArrayList<>(methods);
    }

    public boolean isStripPrefix() {
        return stripPrefix;
    }

    public void setStripPrefix(boolean stripPrefix) {
        this.stripPrefix = stripPrefix;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
