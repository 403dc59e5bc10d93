package dev.gatehouse.admin.upstream;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's service form. Holds only what an admin may edit; id and timestamps stay on the server.
 * Targets are editable rows; rows left blank are ignored so the page can offer spare rows without JavaScript.
 */
public class ServiceForm {

    /** Rows the form shows at least, so a new service can get several targets without JavaScript. */
    static final int MIN_ROWS = 3;

    private static final Pattern TARGET_FIELD = Pattern.compile("targets\\[(\\d+)](?:\\.(host|port|weight))?");

    // The version the form was filled from; the only server-owned value a form sends back, as a check.
    private Long version;
    private String name;
    private String protocol = "http";
    private String basePath;
    private Integer connectTimeoutMs = ServiceSpec.DEFAULT_CONNECT_TIMEOUT_MS;
    private Integer responseTimeoutMs = ServiceSpec.DEFAULT_RESPONSE_TIMEOUT_MS;
    private List<Target> targets = new ArrayList<>();
    private String balancingAlgorithm = "round_robin";
    private String balancingHashOn;
    private String balancingHashKey;
    private Double balancingBoundedLoad;

    /** The form filled from an existing service. */
    static ServiceForm from(ServiceView service) {
        ServiceForm form = new ServiceForm();
        form.version = service.version();
        form.name = service.name();
        form.protocol = service.protocol();
        form.basePath = service.basePath();
        form.connectTimeoutMs = service.connectTimeoutMs();
        form.responseTimeoutMs = service.responseTimeoutMs();
        for (TargetSpec spec : service.targets()) {
            form.targets.add(new Target(spec.host(), spec.port(), spec.weight()));
        }
        form.balancingAlgorithm = service.balancing().algorithm();
        form.balancingHashOn = service.balancing().hashOn();
        form.balancingHashKey = service.balancing().hashKey();
        form.balancingBoundedLoad = service.balancing().boundedLoad();
        return form;
    }

    /** The request for the service API, without the blank rows. */
    ServiceRequest toRequest() {
        List<TargetRequest> requested = targets.stream()
                .filter(t -> t != null && !t.isBlank())
                .map(t -> new TargetRequest(t.getHost(), t.getPort(), t.getWeight()))
                .toList();
        return new ServiceRequest(name, requested, protocol, basePath == null ? "" : basePath,
                connectTimeoutMs, responseTimeoutMs, balancing());
    }

    /** The balancing fields; the hash fields count only for consistent hashing, as the form shows them. */
    private BalancingFields balancing() {
        if (!"consistent_hash".equals(balancingAlgorithm)) {
            return new BalancingFields(balancingAlgorithm, null, null, null);
        }
        return new BalancingFields(balancingAlgorithm, blankToNull(balancingHashOn), blankToNull(balancingHashKey),
                balancingBoundedLoad);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Removes blank rows so that row indexes match the indexes the service reports violations for. */
    void dropBlankTargets() {
        targets.removeIf(t -> t == null || t.isBlank());
    }

    /** Adds blank rows at the end: at least one, and up to {@link #MIN_ROWS} rows in all. */
    void padTargets() {
        targets.removeIf(t -> t == null);
        do {
            targets.add(new Target());
        } while (targets.size() < MIN_ROWS);
    }

    /**
     * The form field that shows a violation of the service API: {@code targets[1].port} stays as it is,
     * a whole row ({@code targets[1]}, such as a duplicate) shows on its host.
     */
    Violation toFormField(Violation violation) {
        Matcher target = TARGET_FIELD.matcher(violation.field());
        if (target.matches()) {
            int row = Integer.parseInt(target.group(1));
            if (row >= targets.size()) {
                return new Violation(null, violation.message());
            }
            String part = target.group(2) == null ? "host" : target.group(2);
            return new Violation("targets[" + row + "]." + part, violation.message());
        }
        return switch (violation.field()) {
            case "name", "protocol", "basePath", "connectTimeoutMs", "responseTimeoutMs", "targets" -> violation;
            case "balancing.algorithm" -> new Violation("balancingAlgorithm", violation.message());
            case "balancing.hashOn" -> new Violation("balancingHashOn", violation.message());
            case "balancing.hashKey" -> new Violation("balancingHashKey", violation.message());
            case "balancing.boundedLoad" -> new Violation("balancingBoundedLoad", violation.message());
            default -> new Violation(null, violation.message());
        };
    }

    public String getBalancingAlgorithm() {
        return balancingAlgorithm;
    }

    public void setBalancingAlgorithm(String balancingAlgorithm) {
        this.balancingAlgorithm = balancingAlgorithm;
    }

    public String getBalancingHashOn() {
        return balancingHashOn;
    }

    public void setBalancingHashOn(String balancingHashOn) {
        this.balancingHashOn = balancingHashOn;
    }

    public String getBalancingHashKey() {
        return balancingHashKey;
    }

    public void setBalancingHashKey(String balancingHashKey) {
        this.balancingHashKey = balancingHashKey;
    }

    public Double getBalancingBoundedLoad() {
        return balancingBoundedLoad;
    }

    public void setBalancingBoundedLoad(Double balancingBoundedLoad) {
        this.balancingBoundedLoad = balancingBoundedLoad;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public Integer getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(Integer connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public Integer getResponseTimeoutMs() {
        return responseTimeoutMs;
    }

    public void setResponseTimeoutMs(Integer responseTimeoutMs) {
        this.responseTimeoutMs = responseTimeoutMs;
    }

    public List<Target> getTargets() {
        return targets;
    }

    public void setTargets(List<Target> targets) {
        this.targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
    }

    /** One editable target row. */
    public static class Target {

        private String host;
        private Integer port;
        private Integer weight;

        public Target() {
        }

        Target(String host, Integer port, Integer weight) {
            this.host = host;
            this.port = port;
            this.weight = weight;
        }

        boolean isBlank() {
            return (host == null || host.isBlank()) && port == null && weight == null;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(Integer weight) {
            this.weight = weight;
        }
    }

    /** The version of the stored object this form was filled from; null for a new object. */
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
