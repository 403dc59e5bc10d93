package dev.gatehouse.admin.security;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role matrix over every admin API endpoint: the handler methods under {@code /api/v1} are read from Spring
 * MVC itself and each must have a decision in {@link #POLICY}, so a new endpoint without one fails here. Each
 * (method, path) is then called with a token of each role and answered as the table says: allowed (anything
 * but 401/403, usually 404 or 400 for the placeholder ids and empty bodies used) or 403 problem+json.
 */
@AdminIntegrationTest
class RoleMatrixIntegrationTests {

    /** Who may call an endpoint. */
    enum Allowed {
        /** ADMIN, EDITOR, VIEWER. */
        READERS(Role.ADMIN, Role.EDITOR, Role.VIEWER),
        /** ADMIN, EDITOR: gateway configuration changes. */
        WRITERS(Role.ADMIN, Role.EDITOR),
        /** ADMIN only: users, sign-in records, forcing a restore. */
        ADMIN(Role.ADMIN);

        private final List<Role> roles;

        Allowed(Role... roles) {
            this.roles = List.of(roles);
        }
    }

    /** The expected policy, one row per endpoint. Decide here when adding an endpoint. */
    static final Map<String, Allowed> POLICY = Map.ofEntries(
            entry("GET /api/v1/cluster", Allowed.READERS),
            entry("POST /api/v1/cluster/force-restore", Allowed.ADMIN),
            entry("GET /api/v1/nodes", Allowed.READERS),
            entry("GET /api/v1/config/revision", Allowed.READERS),
            // the configuration history: what changed, never who from where (HistoryApiIntegrationTests)
            entry("GET /api/v1/config/revisions", Allowed.READERS),
            entry("GET /api/v1/config/revisions/{revision}", Allowed.READERS),
            entry("GET /api/v1/config/diff", Allowed.READERS),
            // declarative configuration: reading is viewing, importing and rolling back are writes
            entry("GET /api/v1/config/export", Allowed.READERS),
            entry("POST /api/v1/config/import", Allowed.WRITERS),
            entry("POST /api/v1/config/rollback", Allowed.WRITERS),
            entry("GET /api/v1/services", Allowed.READERS),
            entry("GET /api/v1/services/{idOrName}", Allowed.READERS),
            entry("POST /api/v1/services", Allowed.WRITERS),
            entry("PUT /api/v1/services/{idOrName}", Allowed.WRITERS),
            entry("DELETE /api/v1/services/{idOrName}", Allowed.WRITERS),
            entry("GET /api/v1/routes", Allowed.READERS),
            entry("GET /api/v1/routes/{idOrName}", Allowed.READERS),
            entry("POST /api/v1/routes", Allowed.WRITERS),
            entry("PUT /api/v1/routes/{idOrName}", Allowed.WRITERS),
            entry("DELETE /api/v1/routes/{idOrName}", Allowed.WRITERS),
            entry("GET /api/v1/routes/{route}/effective-policies", Allowed.READERS),
            entry("GET /api/v1/consumers", Allowed.READERS),
            entry("GET /api/v1/consumers/{consumer}", Allowed.READERS),
            entry("POST /api/v1/consumers", Allowed.WRITERS),
            entry("PUT /api/v1/consumers/{consumer}", Allowed.WRITERS),
            entry("PATCH /api/v1/consumers/{consumer}", Allowed.WRITERS),
            entry("DELETE /api/v1/consumers/{consumer}", Allowed.WRITERS),
            entry("GET /api/v1/consumers/{consumer}/usage", Allowed.READERS),
            entry("GET /api/v1/consumers/{consumer}/keys", Allowed.READERS),
            entry("GET /api/v1/consumers/{consumer}/keys/{id}", Allowed.READERS),
            entry("POST /api/v1/consumers/{consumer}/keys", Allowed.WRITERS),
            entry("DELETE /api/v1/consumers/{consumer}/keys/{id}", Allowed.WRITERS),
            entry("POST /api/v1/consumers/{consumer}/keys/{id}/rotate", Allowed.WRITERS),
            entry("GET /api/v1/plans", Allowed.READERS),
            entry("GET /api/v1/plans/{plan}", Allowed.READERS),
            entry("POST /api/v1/plans", Allowed.WRITERS),
            entry("PUT /api/v1/plans/{plan}", Allowed.WRITERS),
            entry("DELETE /api/v1/plans/{plan}", Allowed.WRITERS),
            entry("GET /api/v1/policies", Allowed.READERS),
            entry("GET /api/v1/policies/{policy}", Allowed.READERS),
            entry("POST /api/v1/policies", Allowed.WRITERS),
            entry("PUT /api/v1/policies/{policy}", Allowed.WRITERS),
            entry("DELETE /api/v1/policies/{policy}", Allowed.WRITERS),
            entry("GET /api/v1/logs", Allowed.READERS),
            entry("GET /api/v1/logs/{requestId}", Allowed.READERS),
            entry("GET /api/v1/metrics/traffic", Allowed.READERS),
            entry("GET /api/v1/metrics/top", Allowed.READERS),
            entry("GET /api/v1/sign-ins", Allowed.ADMIN),
            // who changed what, from where: not for viewers (AuditApiIntegrationTests)
            entry("GET /api/v1/audit", Allowed.WRITERS),
            entry("GET /api/v1/audit/{id}", Allowed.WRITERS),
            entry("GET /api/v1/openapi.yaml", Allowed.READERS),
            entry("GET /api/v1/users", Allowed.ADMIN),
            entry("GET /api/v1/users/{username}", Allowed.ADMIN),
            entry("POST /api/v1/users", Allowed.ADMIN),
            entry("PATCH /api/v1/users/{username}", Allowed.ADMIN),
            entry("PUT /api/v1/users/{username}/password", Allowed.ADMIN),
            entry("DELETE /api/v1/users/{username}", Allowed.ADMIN),
            // every role manages its own tokens; only admins see or revoke others' (ApiTokensIntegrationTests)
            entry("GET /api/v1/tokens", Allowed.READERS),
            entry("POST /api/v1/tokens", Allowed.READERS),
            entry("DELETE /api/v1/tokens/{id}", Allowed.READERS));

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    MockMvc mvc;
    @Autowired
    AdminUserService users;
    @Autowired
    ApiTokenService tokens;

    @Test
    void everyApiEndpointHasAnExpectedPolicy() {
        assertThat(new TreeSet<>(endpoints())).as("API endpoints (method and path) against the policy table")
                .isEqualTo(new TreeSet<>(POLICY.keySet()));
    }

    @Test
    void eachRoleIsAllowedOrRefusedAsTheTableSays() throws Exception {
        Map<Role, String> tokenOf = Map.of(Role.ADMIN, token(Role.ADMIN), Role.EDITOR, token(Role.EDITOR),
                Role.VIEWER, token(Role.VIEWER));
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Allowed allowed = POLICY.get(endpoint);
            assertThat(allowed).as("policy of %s", endpoint).isNotNull();
            int anonymous = call(endpoint, null).getResponse().getStatus();
            if (anonymous != 401) {
                wrong.add(endpoint + " without a token: " + anonymous);
            }
            for (Role role : Role.values()) {
                MvcResult result = call(endpoint, tokenOf.get(role));
                int status = result.getResponse().getStatus();
                if (allowed.roles.contains(role)) {
                    if (status == 401 || status == 403) {
                        wrong.add(endpoint + " as " + role + ": expected allowed, got " + status);
                    }
                } else if (status != 403 || !String.valueOf(result.getResponse().getContentType())
                        .startsWith("application/problem+json")
                        || !result.getResponse().getContentAsString().contains("\"code\":\"forbidden\"")) {
                    wrong.add(endpoint + " as " + role + ": expected 403 problem, got " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private MvcResult call(String endpoint, String token) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = placeholders(endpoint.substring(endpoint.indexOf(' ') + 1));
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return mvc.perform(request).andReturn();
    }

    /** Ids that name nothing: a UUID where a UUID may be expected, a name elsewhere. */
    private static String placeholders(String pattern) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group(1).equals("id") ? UUID.randomUUID().toString() : "matrix-none";
            matcher.appendReplacement(path, value);
        }
        return matcher.appendTail(path).toString();
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        return endpoints;
    }

    private String token(Role role) {
        String owner = "matrix-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(owner, "matrix-password-" + UUID.randomUUID(), role);
        return tokens.create(owner, role, "matrix", role.name(), null, null).token();
    }
}
