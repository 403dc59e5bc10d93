package dev.gatehouse.admin.apidoc;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * The admin's OpenAPI document as the tests see it: its text, what swagger-parser makes of it, and its operations
 * keyed the way {@link #key} normalises both the document's paths and Spring MVC's patterns.
 */
final class ApiDescription {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    private final String text;
    private final SwaggerParseResult parsed;
    private final OpenAPI resolved;

    private ApiDescription(String text) {
        this.text = text;
        this.parsed = new OpenAPIV3Parser().readContents(text, null, new ParseOptions());
        ParseOptions fully = new ParseOptions();
        fully.setResolve(true);
        fully.setResolveFully(true);
        this.resolved = new OpenAPIV3Parser().readContents(text, null, fully).getOpenAPI();
    }

    /** The document on the classpath, where the admin serves it from. */
    static ApiDescription load() {
        try (InputStream in = new ClassPathResource(ApiDocument.LOCATION).getInputStream()) {
            return new ApiDescription(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /api/v1/consumers/{}/keys}: method and path with every variable's name (and regex) left out. */
    static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + VARIABLE.matcher(path).replaceAll("{}");
    }

    String text() {
        return text;
    }

    /** What the parser reported: errors and warnings about the document as OpenAPI 3. */
    List<String> messages() {
        return parsed.getMessages() == null ? List.of() : parsed.getMessages();
    }

    /** The document as parsed without resolving references (its declared version, components, security). */
    OpenAPI model() {
        return parsed.getOpenAPI();
    }

    /** The document with every reference replaced by what it names. */
    OpenAPI resolved() {
        return resolved;
    }

    /** Every operation by {@link #key}, with its path template. */
    Map<String, Documented> operations() {
        Map<String, Documented> operations = new TreeMap<>();
        resolved.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.put(key(method.name(), path), new Documented(path, method, item, operation))));
        return operations;
    }

    /**
     * One operation of the document.
     *
     * @param path      its path template as written
     * @param method    its method
     * @param item      the path item (for parameters shared by its operations)
     * @param operation the operation
     */
    record Documented(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {

        /** Path-level and operation-level parameters in one place, as clients see them. */
        List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>();
            if (item.getParameters() != null) {
                all.addAll(item.getParameters());
            }
            if (operation.getParameters() != null) {
                all.addAll(operation.getParameters());
            }
            return all;
        }

        /** Names of the parameters found {@code in} (path, query, header). */
        List<String> parameterNames(String in) {
            return parameters().stream().filter(p -> in.equals(p.getIn())).map(Parameter::getName).sorted().toList();
        }
    }
}
