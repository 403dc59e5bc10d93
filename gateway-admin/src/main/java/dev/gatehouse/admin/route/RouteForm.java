package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.TextList;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's route form. Hosts, paths, allowed groups and tags are typed one per line (commas work too);
 * methods are checkboxes; where the key is read, how tokens are checked and the steps of a composite route are
 * nested forms. Holds only what an admin may edit; id and timestamps stay on the server.
 */
public class RouteForm {

    /** Auth modes in the order the select offers them. */
    static final List<String> AUTH_MODES = List.of("key", "jwt", "none");
    /** Kinds in the order the form offers them. */
    static final List<String> KINDS = List.of(RouteRequest.PROXY, RouteRequest.COMPOSITE);

    // The version the form was filled from; the only server-owned value a form sends back, as a check.
    private Long version;
    private String name;
    private String kind = RouteRequest.PROXY;
    private String service;
    private String hosts;
    private String paths;
    private String pathMatch = "prefix";
    private List<String> methods = new ArrayList<>();
    private boolean stripPrefix;
    private Integer priority = 0;
    private boolean enabled = true;
    private String auth = "key";
    private String allowedGroups;
    private String tags;
    private KeyAuthForm keyAuth = new KeyAuthForm();
    private JwtForm jwt = new JwtForm();
    private CompositeForm composite = new CompositeForm();

    /** The form filled from an existing route. */
    static RouteForm from(RouteView route) {
        RouteForm form = new RouteForm();
        form.version = route.version();
        form.name = route.name();
        form.service = route.service();
        form.hosts = TextList.join(route.hosts());
        form.paths = TextList.join(route.paths());
        form.pathMatch = route.pathMatch() == null ? "prefix" : route.pathMatch().toLowerCase(Locale.ROOT);
        form.methods = new ArrayList<>(route.methods());
        form.stripPrefix = route.stripPrefix();
        form.priority = route.priority();
        form.enabled = route.enabled();
        form.auth = route.auth() == null ? "key" : route.auth().toLowerCase(Locale.ROOT);
        form.allowedGroups = TextList.join(route.allowedGroups());
        form.tags = TextList.join(route.tags());
        form.keyAuth = KeyAuthForm.from(route.keyAuth());
        form.jwt = JwtForm.from(route.jwt());
        form.kind = route.kind() == null ? RouteRequest.PROXY : route.kind();
        form.composite = CompositeForm.from(route.composite());
        return form;
    }

    /** The request for a new route. */
    RouteRequest toRequest() {
        return toRequest(null);
    }

    /**
     * The request for the route API. Only the settings of the chosen auth mode and kind are sent: without
     * JavaScript the page shows every section, and what belongs to another mode must not be stored or refused.
     *
     * @param current the route as stored, when editing; its JWT secret is kept when the field is left blank
     */
    RouteRequest toRequest(RouteView current) {
        boolean secretStored = current != null && JwtForm.hasSecret(current.jwt());
        boolean composed = RouteRequest.COMPOSITE.equals(kind);
        return new RouteRequest(name, composed ? RouteRequest.COMPOSITE : kind, composed ? null : service,
                TextList.split(hosts), TextList.split(paths), pathMatch, List.copyOf(methods), stripPrefix, priority,
                enabled, auth, TextList.split(allowedGroups), TextList.split(tags),
                "key".equals(auth) ? keyAuth.toRequest() : null,
                "jwt".equals(auth) ? jwt.toRequest(secretStored) : null,
                composed ? composite.toRequest(new ArrayList<>()) : null);
    }

    /**
     * Lines of the step editor that cannot be read (a query line without {@code =}, a header given twice), by
     * form field; empty when the route is not composite.
     */
    List<Violation> lineProblems() {
        List<Violation> problems = new ArrayList<>();
        if (RouteRequest.COMPOSITE.equals(kind)) {
            composite.toRequest(problems);
        }
        return problems;
    }

    /**
     * The form field that shows a violation of the route API. A list entry ({@code paths[1]}) shows on its
     * text box, quoting the entry so the admin sees which line is meant.
     */
    Violation toFormField(Violation violation) {
        if (violation.field() == null) {
            return violation;
        }
        Optional<Violation> onList = TextList.onTextBox(violation, "hosts", "hosts", TextList.split(hosts))
                .or(() -> TextList.onTextBox(violation, "paths", "paths", TextList.split(paths)))
                .or(() -> TextList.onTextBox(violation, "methods", "methods", methods))
                .or(() -> TextList.onTextBox(violation, "allowedGroups", "allowedGroups",
                        TextList.split(allowedGroups)))
                .or(() -> TextList.onTextBox(violation, "tags", "tags", TextList.split(tags)))
                .or(() -> TextList.onTextBox(violation, "jwt.algorithms", "jwt.algorithms", jwt.getAlgorithms()))
                .or(() -> TextList.onTextBox(violation, "jwt.audiences", "jwt.audiences",
                        TextList.split(jwt.getAudiences())));
        if (onList.isPresent()) {
            return onList.get();
        }
        Optional<Violation> onStep = composite.toFormField(violation);
        if (onStep.isPresent()) {
            return onStep.get();
        }
        return switch (violation.field()) {
            case "name", "kind", "service", "pathMatch", "priority", "stripPrefix", "enabled", "auth",
                 "keyAuth", "keyAuth.header", "keyAuth.bearer", "keyAuth.queryParam",
                 "jwt", "jwt.issuer", "jwt.secret", "jwt.jwks", "jwt.jwksUrl", "jwt.consumerClaim",
                 "jwt.clockSkewSeconds" -> violation;
            default -> new Violation(null, violation.message());
        };
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public CompositeForm getComposite() {
        return composite;
    }

    public void setComposite(CompositeForm composite) {
        this.composite = composite == null ? new CompositeForm() : composite;
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

    public String getAuth() {
        return auth;
    }

    public void setAuth(String auth) {
        this.auth = auth;
    }

    public String getAllowedGroups() {
        return allowedGroups;
    }

    public void setAllowedGroups(String allowedGroups) {
        this.allowedGroups = allowedGroups;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public KeyAuthForm getKeyAuth() {
        return keyAuth;
    }

    public void setKeyAuth(KeyAuthForm keyAuth) {
        this.keyAuth = keyAuth == null ? new KeyAuthForm() : keyAuth;
    }

    public JwtForm getJwt() {
        return jwt;
    }

    public void setJwt(JwtForm jwt) {
        this.jwt = jwt == null ? new JwtForm() : jwt;
    }

    /** The version of the stored object this form was filled from; null for a new object. */
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
