package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.TextList;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.StepField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a composite route as the route form edits it. Query parameters ({@code name=template}), headers
 * ({@code Name: template}), fields ({@code /pointer} or {@code /pointer as name}) and dependencies are typed one
 * per line, so the editor needs no JavaScript.
 */
public class StepForm {

    /** Separates a field's pointer from the name it is written under. */
    private static final String AS = " as ";

    private String name;
    private String service;
    private String method = "GET";
    private String path;
    private String query;
    private String headers;
    private boolean passBody;
    private String dependsOn;
    private Integer timeoutMs;
    private boolean required = true;
    private String placement = "nest";
    private String fields;

    /** The form filled from a step as the API shows it. */
    static StepForm from(StepRequest step) {
        StepForm form = new StepForm();
        form.name = step.name();
        form.service = step.service();
        form.method = step.method();
        form.path = step.path();
        form.query = lines(step.query(), "=");
        form.headers = lines(step.headers(), ": ");
        form.passBody = Boolean.TRUE.equals(step.passBody());
        form.dependsOn = TextList.join(step.dependsOn());
        form.timeoutMs = step.timeoutMs() == null || step.timeoutMs() == 0 ? null : step.timeoutMs();
        form.required = step.required() == null || step.required();
        form.placement = step.placement();
        List<String> fieldLines = new ArrayList<>();
        if (step.fields() != null) {
            for (StepField field : step.fields()) {
                fieldLines.add(field.as() == null ? field.pointer() : field.pointer() + AS + field.as());
            }
        }
        form.fields = String.join("\n", fieldLines);
        return form;
    }

    /**
     * The API's step. Lines that cannot be read (a query line without {@code =}, a header without {@code :}, a
     * name given twice) are added to {@code problems} under this step's form field, such as
     * {@code composite.steps[1].query}.
     */
    StepRequest toRequest(String at, List<Violation> problems) {
        return new StepRequest(blankToNull(name), blankToNull(service), blankToNull(method), blankToNull(path),
                pairs(query, '=', at + ".query", "name=template", problems),
                pairs(headers, ':', at + ".headers", "Name: template", problems), passBody,
                TextList.split(dependsOn), timeoutMs, required, blankToNull(placement), fields());
    }

    /** The fields box as the API's list, one entry per non-blank line. */
    private List<StepField> fields() {
        List<StepField> out = new ArrayList<>();
        for (String line : fieldLines()) {
            int as = line.lastIndexOf(AS);
            out.add(as < 0 ? new StepField(line, null)
                    : new StepField(line.substring(0, as).strip(), line.substring(as + AS.length()).strip()));
        }
        return out;
    }

    /** The non-blank lines of the fields box, as typed (trimmed), so an error can quote one. */
    List<String> fieldLines() {
        return lines(fields);
    }

    private static Map<String, String> pairs(String text, char separator, String field, String shape,
                                             List<Violation> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int at = line.indexOf(separator);
            if (at <= 0) {
                problems.add(new Violation(field, "\u201c" + line + "\u201d must be written " + shape));
                continue;
            }
            String key = line.substring(0, at).strip();
            if (out.put(key, line.substring(at + 1).strip()) != null) {
                problems.add(new Violation(field, "\u201c" + key + "\u201d is given twice"));
            }
        }
        return out;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String lines(Map<String, String> values, String separator) {
        if (values == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        values.forEach((key, value) -> out.add(key + separator + value));
        return String.join("\n", out);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public boolean isPassBody() {
        return passBody;
    }

    public void setPassBody(boolean passBody) {
        this.passBody = passBody;
    }

    public String getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(String dependsOn) {
        this.dependsOn = dependsOn;
    }

    public Integer getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(Integer timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public String getPlacement() {
        return placement;
    }

    public void setPlacement(String placement) {
        this.placement = placement;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }
}
