package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.Problem;
import dev.gatehouse.config.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of declarative configuration: {@code GET /api/v1/config/export}, {@code POST /api/v1/config/import}
 * and {@code POST /api/v1/config/rollback}.
 */
@RestController
@RequestMapping("/api/v1/config")
class DeclarativeApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final DeclarativeConfig declarative;
    private final ConfigRollback rollbacks;

    DeclarativeApiController(DeclarativeConfig declarative, ConfigRollback rollbacks) {
        this.declarative = declarative;
        this.rollbacks = rollbacks;
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "yaml") String format,
                                  @RequestParam(required = false) String tag,
                                  @RequestParam(required = false) String service) {
        DocumentFormat.Kind kind = format(format);
        String filename = "gatehouse." + kind.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .contentType(kind == DocumentFormat.Kind.YAML ? YAML : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename).build().toString())
                .body(declarative.export(kind, tag, service));
    }

    @PostMapping("/import")
    ChangeAnswer importDocument(@RequestParam(defaultValue = "false") boolean dryRun,
                                @RequestParam(defaultValue = "false") boolean prune,
                                @RequestParam(required = false) String tag,
                                @RequestParam(required = false) String service,
                                @RequestParam(required = false) Long ifRevision,
                                @RequestBody byte[] body, HttpServletRequest request) {
        DocumentFormat.Kind kind = DocumentFormat.of(contentType(request));
        if (kind == null) {
            throw new UnsupportedDocumentTypeException(request.getContentType());
        }
        return declarative.importDocument(body, kind,
                new DeclarativeConfig.ImportOptions(dryRun, prune, tag, service, ifRevision));
    }

    /**
     * A rollback request.
     *
     * @param revision   the revision to go back to
     * @param dryRun     answer what would change, change nothing
     * @param ifRevision refuse unless the configuration is at this revision
     */
    record RollbackRequest(Long revision, Boolean dryRun, Long ifRevision) {
    }

    @PostMapping(path = "/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChangeAnswer rollback(@RequestBody RollbackRequest request) {
        if (request.revision() == null || request.revision() < 1) {
            throw new InvalidInputException(List.of(new Violation("revision",
                    request.revision() == null ? "is required" : "must be a revision number, 1 or more")));
        }
        return rollbacks.rollback(request.revision(), Boolean.TRUE.equals(request.dryRun()), request.ifRevision());
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DocumentFormat.Kind format(String format) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "yaml", "yml" -> DocumentFormat.Kind.YAML;
            case "json" -> DocumentFormat.Kind.JSON;
            default -> throw new InvalidInputException(List.of(new Violation("format", "must be yaml or json")));
        };
    }

    @ExceptionHandler(DocumentInvalidException.class)
    ResponseEntity<Object> invalid(DocumentInvalidException e, HttpServletRequest request) {
        int n = e.errors().size();
        return Problem.bodyResponse(HttpStatus.BAD_REQUEST, "invalid_input", "the document has " + n + " problem"
                + (n == 1 ? "" : "s") + "; nothing was changed", request.getRequestURI(), e.errors());
    }

    @ExceptionHandler(StaleRevisionException.class)
    ResponseEntity<Object> stale(StaleRevisionException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.PRECONDITION_FAILED, "precondition_failed", e.getMessage(),
                request.getRequestURI(), null);
    }

    @ExceptionHandler(UnsupportedDocumentTypeException.class)
    ResponseEntity<Object> unsupported(UnsupportedDocumentTypeException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.getMessage(),
                request.getRequestURI(), null);
    }

    @ExceptionHandler(HistoryUnavailableException.class)
    ResponseEntity<Object> noHistory(HistoryUnavailableException e, HttpServletRequest request) {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "history_unavailable", e.getMessage(),
                request.getRequestURI(), null);
    }
}
