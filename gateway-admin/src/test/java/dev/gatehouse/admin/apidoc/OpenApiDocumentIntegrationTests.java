package dev.gatehouse.admin.apidoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.apidoc.ApiDescription.Documented;
import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.Role;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Keeps the OpenAPI document honest: every endpoint Spring MVC maps under {@code /api/v1} is described (and nothing
 * else is), with the controller's query parameters, headers, path variables and request body, and the document
 * is valid OpenAPI 3 as swagger-parser reads it. Served to API tokens of any role, never without one.
 */
@AdminIntegrationTest
class OpenApiDocumentIntegrationTests {

    private static final String API = "/api/v1/";
    private static final ApiDescription DOCUMENT = ApiDescription.load();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiTokenService tokens;

    @Test
    void documentIsValidOpenApi3() {
        assertThat(DOCUMENT.messages()).as("swagger-parser's findings").isEmpty();
        assertThat(DOCUMENT.model().getOpenapi()).startsWith("3.");
        assertThat(DOCUMENT.model().getComponents().getSecuritySchemes().get("apiToken"))
                .satisfies(scheme -> {
                    assertThat(scheme.getType().toString()).isEqualTo("http");
                    assertThat(scheme.getScheme()).isEqualTo("bearer");
                });
        assertThat(DOCUMENT.model().getSecurity()).as("every operation needs the token")
                .singleElement().satisfies(requirement -> assertThat(requirement).containsOnlyKeys("apiToken"));
    }

    @Test
    void describesEveryEndpointUnderApiV1AndNoOther() {
        Map<String, HandlerMethod> mapped = mappedOperations();
        Map<String, Documented> documented = DOCUMENT.operations();

        Set<String> undocumented = new TreeSet<>(mapped.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> unmapped = new TreeSet<>(documented.keySet());
        unmapped.removeAll(mapped.keySet());

        assertThat(undocumented).as("endpoints the OpenAPI document does not describe").isEmpty();
        assertThat(unmapped).as("operations in the OpenAPI document that no controller answers").isEmpty();
        // Guards against a comparison of two empty sets.
        assertThat(mapped).containsKeys("GET /api/v1/services", "POST /api/v1/routes",
                "POST /api/v1/consumers/{}/keys/{}/rotate", "GET /api/v1/openapi.yaml", "GET /api/v1/sign-ins");
    }

    @Test
    void describesEachControllersParametersHeadersAndBody() {
        Map<String, Documented> documented = DOCUMENT.operations();
        List<String> differences = new ArrayList<>();
        mappedOperations().forEach((key, handler) -> {
            Documented doc = documented.get(key);
            if (doc == null) {
                return; // reported by describesEveryEndpointUnderApiV1AndNoOther
            }
            compare(differences, key, "path variables", names(handler, PathVariable.class), doc.parameterNames("path"));
            compare(differences, key, "query parameters", names(handler, RequestParam.class),
                    doc.parameterNames("query"));
            compare(differences, key, "headers", names(handler, RequestHeader.class), doc.parameterNames("header"));
            RequestBody body = bodyOf(handler);
            io.swagger.v3.oas.models.parameters.RequestBody docBody = doc.operation().getRequestBody();
            if ((body == null) != (docBody == null)) {
                differences.add(key + ": request body " + (body == null ? "documented but not taken"
                        : "taken but not documented"));
            } else if (body != null && body.required() != Boolean.TRUE.equals(docBody.getRequired())) {
                differences.add(key + ": request body required is " + body.required() + " in the controller");
            }
            Set<String> consumes = new TreeSet<>();
            infoOf(key).getConsumesCondition().getConsumableMediaTypes().forEach(m -> consumes.add(m.toString()));
            if (!consumes.isEmpty() && docBody != null && !consumes.equals(new TreeSet<>(docBody.getContent().keySet()))) {
                differences.add(key + ": body media types " + docBody.getContent().keySet() + ", controller takes "
                        + consumes);
            }
        });
        assertThat(differences).as("where the document and the controllers differ").isEmpty();
    }

    @Test
    void everyOperationAnswersProblemsForTheWayItCanFail() {
        List<String> missing = new ArrayList<>();
        DOCUMENT.operations().forEach((key, doc) -> {
            Map<String, ApiResponse> responses = doc.operation().getResponses();
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                missing.add(key + ": no success answer");
            }
            for (String code : List.of("401", "403")) {
                if (!responses.containsKey(code)) {
                    missing.add(key + ": no " + code);
                }
            }
            if (!doc.parameterNames("path").isEmpty() && !key.endsWith("openapi.yaml") && !responses.containsKey("404")) {
                missing.add(key + ": addresses an object but has no 404");
            }
            if (doc.operation().getRequestBody() != null) {
                for (String code : List.of("400", "413", "415")) {
                    if (!responses.containsKey(code)) {
                        missing.add(key + ": takes a body but has no " + code);
                    }
                }
            }
            if (doc.parameterNames("header").contains("If-Match") && !responses.containsKey("412")) {
                missing.add(key + ": takes If-Match but has no 412");
            }
            responses.forEach((code, response) -> {
                if (code.charAt(0) >= '4') {
                    Map<String, MediaType> body = response.getContent();
                    if (body == null || !body.keySet().equals(Set.of("application/problem+json"))) {
                        missing.add(key + ": " + code + " is not application/problem+json");
                    }
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void apiServesTheDocumentToEveryRoleAndRevalidatesByETag() throws Exception {
        String viewer = "openapi-viewer-" + System.nanoTime();
        tokens.storeIfAbsent("openapi-viewer", viewer, Role.VIEWER);

        MvcResult answer = mvc.perform(get(ApiDocumentController.PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/yaml"))
                .andExpect(header().exists(HttpHeaders.ETAG))
                .andReturn();
        assertThat(answer.getResponse().getContentAsString()).isEqualTo(DOCUMENT.text());

        mvc.perform(get(ApiDocumentController.PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN)
                        .header(HttpHeaders.IF_NONE_MATCH, answer.getResponse().getHeader(HttpHeaders.ETAG)))
                .andExpect(status().isNotModified());
    }

    @Test
    void apiRefusesTheDocumentWithoutAToken() throws Exception {
        mvc.perform(get(ApiDocumentController.PATH))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("unauthorized"));
        mvc.perform(get(ApiDocumentController.PATH).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
    }

    /** Spring MVC's handler methods under /api/v1, one entry per method; no methods at all shows as {@code ANY}. */
    private Map<String, HandlerMethod> mappedOperations() {
        Map<String, HandlerMethod> operations = new TreeMap<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(API)) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    operations.put(ApiDescription.key("ANY", pattern), handler);
                }
                methods.forEach(method -> operations.put(ApiDescription.key(method.name(), pattern), handler));
            }
        });
        return operations;
    }

    private RequestMappingInfo infoOf(String key) {
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getPatternValues().stream().anyMatch(pattern ->
                        e.getKey().getMethodsCondition().getMethods().stream()
                                .anyMatch(method -> ApiDescription.key(method.name(), pattern).equals(key))))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static List<String> names(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> kind) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            java.lang.annotation.Annotation annotation = parameter.getParameterAnnotation(kind);
            if (annotation == null) {
                continue;
            }
            String name = "";
            if (annotation instanceof RequestParam p) {
                name = p.name().isEmpty() ? p.value() : p.name();
            } else if (annotation instanceof RequestHeader h) {
                name = h.name().isEmpty() ? h.value() : h.name();
            } else if (annotation instanceof PathVariable v) {
                name = v.name().isEmpty() ? v.value() : v.name();
            }
            if (name.isEmpty()) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                name = parameter.getParameterName();
            }
            names.add(name);
        }
        return names.stream().sorted().toList();
    }

    private static RequestBody bodyOf(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
            if (body != null) {
                return body;
            }
        }
        return null;
    }

    private static void compare(List<String> differences, String key, String what, List<String> controller,
                                List<String> document) {
        if (!controller.equals(document)) {
            differences.add(key + ": " + what + " " + document + " in the document, " + controller
                    + " in the controller");
        }
    }
}
