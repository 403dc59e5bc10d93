package dev.gatehouse.admin.apidoc;

import dev.gatehouse.admin.console.ConsoleController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's API page ({@code /api-docs}): the OpenAPI document rendered by Swagger UI, served from the
 * classpath and started by a static script, so the console's Content-Security-Policy stays as strict as on every
 * other page. The page reads the document from {@value #DOCUMENT_PATH}, under the console's session, because the
 * API's own copy ({@code /api/v1/openapi.yaml}) takes bearer tokens only; "Try it out" calls the API itself, with
 * the API token the user enters under "Authorize".
 */
@ConsoleController
class ApiDocsConsoleController {

    /** The document for signed-in console users. */
    static final String DOCUMENT_PATH = "/api-docs/gatehouse-admin.yaml";

    private final ApiDocument document;

    ApiDocsConsoleController(ApiDocument document) {
        this.document = document;
    }

    @GetMapping("/api-docs")
    String page() {
        return "api-docs/index";
    }

    @GetMapping(DOCUMENT_PATH)
    ResponseEntity<byte[]> document() {
        return document.answer();
    }
}
