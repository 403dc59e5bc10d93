package dev.gatehouse.admin.apidoc;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/openapi.yaml}: the API's own description, behind the same bearer-token authentication as the
 * rest of the API (any role may read it), so that a client that can call the API can also generate code for it and
 * nobody else learns its shape.
 */
@RestController
class ApiDocumentController {

    /** Where the API serves its document. */
    static final String PATH = "/api/v1/openapi.yaml";

    private final ApiDocument document;

    ApiDocumentController(ApiDocument document) {
        this.document = document;
    }

    @GetMapping(PATH)
    ResponseEntity<byte[]> document() {
        return document.answer();
    }
}
