package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.console.TextList;
import dev.gatehouse.config.Violation;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The console's form for issuing a key: an optional expiry (a date and time in UTC, as the console shows every
 * time) and optional scopes, routes and services picked from lists and tags typed one per line.
 */
public class IssueKeyForm {

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private LocalDateTime expiresAt;
    private List<String> routes = new ArrayList<>();
    private List<String> services = new ArrayList<>();
    private String tags;

    /** The request for the key API; no scopes at all means the key may call whatever its consumer may. */
    IssueKeyRequest toRequest() {
        List<String> tagList = TextList.split(tags);
        ScopesRequest scopes = routes.isEmpty() && services.isEmpty() && tagList.isEmpty() ? null
                : new ScopesRequest(List.copyOf(routes), List.copyOf(services), tagList);
        return new IssueKeyRequest(expiresAt == null ? null : expiresAt.toInstant(ZoneOffset.UTC), scopes);
    }

    /** The form field that shows a violation of the key API; scope entries show on their list. */
    Violation toFormField(Violation violation) {
        if (violation.field() == null) {
            return violation;
        }
        Optional<Violation> onList = TextList.onTextBox(violation, "scopes.routes", "routes", routes)
                .or(() -> TextList.onTextBox(violation, "scopes.services", "services", services))
                .or(() -> TextList.onTextBox(violation, "scopes.tags", "tags", TextList.split(tags)));
        if (onList.isPresent()) {
            return onList.get();
        }
        return "expiresAt".equals(violation.field()) ? violation : new Violation(null, violation.message());
    }

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDateTime expiresAt) {
        this.expiresAt = expiresAt;
    }

    public List<String> getRoutes() {
        return routes;
    }

    public void setRoutes(List<String> routes) {
        this.routes = routes == null ? new ArrayList<>() : new ArrayList<>(routes);
    }

    public List<String> getServices() {
        return services;
    }

    public void setServices(List<String> services) {
        this.services = services == null ? new ArrayList<>() : new ArrayList<>(services);
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }
}
